package dev.cape.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;

/** Small helpers shared by the analysis commands: writing JSON and text. */
final class CliSupport {

    private CliSupport() {
    }

    /** Pretty-printed JSON with nulls kept, ending with a newline. */
    static String json(JsonElement root) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n";
    }

    /** A finite number, or null. */
    static JsonElement num(double v) {
        return DiagnosisJson.num(v);
    }

    /** [lower, upper], or null when either bound is undefined. */
    static JsonElement interval(double lower, double upper) {
        return Double.isFinite(lower) && Double.isFinite(upper) ? DiagnosisJson.pair(lower, upper) : JsonNull.INSTANCE;
    }

    static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** The common provenance fields: version, data source, seed. */
    static JsonObject provenance(String source, long seed) {
        JsonObject p = new JsonObject();
        p.addProperty("version", CapeCommand.version());
        p.addProperty("data", source);
        p.addProperty("seed", seed);
        return p;
    }

    /** Up to 3 significant digits; "undefined" for NaN. */
    static String fmt(double v) {
        return DiagnosisReport.fmt(v);
    }

    /** A signed coupling/correlation with 3 decimals, or "undefined". */
    static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v) : "undefined";
    }

    /** 3 decimals, or "undefined". */
    static String fix(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "undefined";
    }

    /** "[l, u]" with the given formatter, or "(no interval)". */
    static String ci(double lower, double upper, java.util.function.DoubleFunction<String> f) {
        return Double.isFinite(lower) && Double.isFinite(upper) ? "[" + f.apply(lower) + ", " + f.apply(upper) + "]"
                : "(no interval)";
    }

    /** Renders headings, paragraphs and tables as plain text or Markdown. */
    static final class Doc {
        private final boolean markdown;
        private final StringBuilder sb = new StringBuilder();

        Doc(boolean markdown) {
            this.markdown = markdown;
        }

        Doc heading(int level, String text) {
            if (markdown) {
                sb.append("#".repeat(level)).append(' ').append(text).append("\n\n");
            } else if (level == 1) {
                sb.append(text).append('\n').append("=".repeat(text.length())).append("\n\n");
            } else if (level == 2) {
                sb.append(text).append('\n').append("-".repeat(text.length())).append("\n\n");
            } else {
                sb.append(text).append("\n\n");
            }
            return this;
        }

        Doc para(String text) {
            sb.append(text).append("\n\n");
            return this;
        }

        Doc item(String text) {
            sb.append(markdown ? "- " : "  ").append(text).append('\n');
            return this;
        }

        Doc end() {
            sb.append('\n');
            return this;
        }

        Doc table(TextTable t) {
            sb.append(markdown ? t.markdown() : t.text("  ")).append('\n');
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
