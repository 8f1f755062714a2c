package dev.cape.app.workflow;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.cape.analysis.data.DataFormatException;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.phase.PooledPhaseCorrelation.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A workbench session as a {@code .cape} file: JSON with a format name and version, the settings, the families left
 * out, and the data itself (every model with its scores), so a session opens without the CSV files it came from.
 * Written atomically: to a temporary file in the same folder, then moved over the target.
 */
public final class SessionFile {

    /** Format name written in every file. */
    public static final String FORMAT = "cape-session";
    /** Version this release writes; it reads this version and older ones. */
    public static final int VERSION = 1;

    /** What a session holds. */
    public record Session(Dataset data, DiagnosisOptions options, Set<String> excludedFamilies) {
        public Session {
            excludedFamilies = Set.copyOf(excludedFamilies);
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private SessionFile() {
    }

    public static void write(Session session, Path file) {
        Doc doc = new Doc();
        doc.format = FORMAT;
        doc.version = VERSION;
        DiagnosisOptions o = session.options();
        doc.settings = new Settings(o.reasoning(), o.truth(), o.bandwidth(), o.tau(), o.permutations(), o.bootstrap(),
                o.familyBootstrap(), o.selection().name(), o.seed());
        doc.excludedFamilies = List.copyOf(session.excludedFamilies());
        Dataset d = session.data();
        doc.data = new Data(d.source(), d.benchmarks(), d.importNotes(), d.models().stream().map(m -> new Model(
                m.model(), m.family(), m.paramsB(), m.hiddenSize().isPresent() ? m.hiddenSize().getAsInt() : null,
                m.scores(), m.notes(), m.origin(), m.attributes())).toList());
        try {
            AtomicFiles.write(file, tmp -> Files.writeString(tmp, GSON.toJson(doc), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * Reads a session.
     *
     * @throws DataFormatException when the file is missing, not a session, from a newer release, or invalid
     */
    public static Session read(Path file) {
        String name = file.toString();
        Doc doc;
        try {
            doc = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Doc.class);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, null, "no such file; expected a .cape session");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new DataFormatException(name, 0, null, "found invalid JSON (" + e.getMessage()
                    + "); expected a .cape session");
        }
        if (doc == null || !FORMAT.equals(doc.format)) {
            throw new DataFormatException(name, 0, "format", "found " + (doc == null ? "an empty file" : "'"
                    + doc.format + "'") + "; expected '" + FORMAT + "'");
        }
        if (doc.version < 1 || doc.version > VERSION) {
            throw new DataFormatException(name, 0, "version", "found version " + doc.version + "; this release reads"
                    + " versions 1 to " + VERSION + (doc.version > VERSION ? " (written by a newer release)" : ""));
        }
        if (doc.settings == null || doc.data == null || doc.data.models == null) {
            throw new DataFormatException(name, 0, doc.settings == null ? "settings" : "data",
                    "missing; expected settings and data");
        }
        try {
            Settings s = doc.settings;
            DiagnosisOptions options = new DiagnosisOptions(s.reasoning, s.truth, s.bandwidth, s.tau, s.permutations,
                    s.bootstrap, s.familyBootstrap, Selection.valueOf(s.selection), s.seed);
            List<ModelRecord> models = doc.data.models.stream().map(m -> new ModelRecord(m.model, m.family, m.paramsB,
                    m.hiddenSize == null ? OptionalInt.empty() : OptionalInt.of(m.hiddenSize), m.scores, m.notes,
                    m.origin, m.attributes)).toList();
            Dataset data = new Dataset(doc.data.source, models, doc.data.benchmarks, doc.data.importNotes);
            return new Session(data, options, doc.excludedFamilies == null ? Set.of() : Set.copyOf(doc.excludedFamilies));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DataFormatException(name, 0, null, "found an invalid session: " + e.getMessage());
        }
    }

    // JSON shape of version 1
    private static final class Doc {
        String format;
        int version;
        Settings settings;
        List<String> excludedFamilies;
        Data data;
    }

    private record Settings(List<String> reasoning, String truth, double bandwidth, double tau, int permutations,
                            int bootstrap, int familyBootstrap, String selection, long seed) {
    }

    private record Data(String source, List<String> benchmarks, List<String> importNotes, List<Model> models) {
    }

    private record Model(String model, String family, double paramsB, Integer hiddenSize, Map<String, Double> scores,
                         String notes, String origin, Map<String, String> attributes) {
        Model {
            scores = scores == null ? Map.of() : new LinkedHashMap<>(scores);
        }
    }
}
