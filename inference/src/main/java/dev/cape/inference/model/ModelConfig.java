package dev.cape.inference.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code config.json} (or an equivalent object built in code, e.g. for a llama2.c checkpoint), read with
 * typed accessors whose errors name the source, the field, what was found and what was expected.
 */
public final class ModelConfig {

    private final String source;
    private final JsonObject json;

    private ModelConfig(String source, JsonObject json) {
        this.source = source;
        this.json = json;
    }

    /** Reads a config file. */
    public static ModelConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model config " + file + ": " + FileErrors.reason(e), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses config text; {@code source} names it in error messages. */
    public static ModelConfig parse(String source, String text) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new ModelLoadException("model config " + source + " is not valid JSON: "
                    + JsonErrors.describe(e), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelLoadException("model config " + source + " is not a JSON object");
        }
        return new ModelConfig(source, root.getAsJsonObject());
    }

    /** Wraps an object built in code; {@code source} names it in error messages. */
    public static ModelConfig of(String source, JsonObject json) {
        return new ModelConfig(source, json.deepCopy());
    }

    public String source() {
        return source;
    }

    /** A copy of the underlying JSON. */
    public JsonObject json() {
        return json.deepCopy();
    }

    /** True when the field is present, even as null (HF distinguishes "absent: class default" from "null: none"). */
    public boolean present(String key) {
        return json.has(key);
    }

    /**
     * The integer field; {@code ifAbsent} when the key is missing, empty when it is null (e.g. {@code sliding_window},
     * whose class default applies only when the key is missing).
     */
    public OptionalInt optIntOrDefault(String key, int ifAbsent) {
        return present(key) ? optInt(key) : OptionalInt.of(ifAbsent);
    }

    /** The number field; {@code ifAbsent} when the key is missing, {@code ifNull} when it is null. */
    public double optDouble(String key, double ifAbsent, double ifNull) {
        if (!present(key)) {
            return ifAbsent;
        }
        return has(key) ? requireDouble(key) : ifNull;
    }

    /** True when the field is present and not null. */
    public boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    public String requireString(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrong(key, e, "a string");
        }
        return e.getAsString();
    }

    public Optional<String> optString(String key) {
        return has(key) ? Optional.of(requireString(key)) : Optional.empty();
    }

    public int requireInt(String key) {
        return toInt(key, require(key));
    }

    /** The first present field among aliases (HF renamed some fields between architectures and releases). */
    public int requireInt(String key, String... aliases) {
        if (has(key)) {
            return requireInt(key);
        }
        for (String a : aliases) {
            if (has(a)) {
                return requireInt(a);
            }
        }
        throw new ModelLoadException("model config " + source + ": required field '" + key + "'"
                + (aliases.length > 0 ? " (or " + String.join(", ", aliases) + ")" : "") + " is missing");
    }

    public OptionalInt optInt(String key) {
        return has(key) ? OptionalInt.of(requireInt(key)) : OptionalInt.empty();
    }

    public int optInt(String key, int defaultValue) {
        return has(key) ? requireInt(key) : defaultValue;
    }

    public double requireDouble(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw wrong(key, e, "a number");
        }
        return e.getAsDouble();
    }

    public OptionalDouble optDouble(String key) {
        return has(key) ? OptionalDouble.of(requireDouble(key)) : OptionalDouble.empty();
    }

    public double optDouble(String key, double defaultValue) {
        return has(key) ? requireDouble(key) : defaultValue;
    }

    public boolean optBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw wrong(key, e, "true or false");
        }
        return e.getAsBoolean();
    }

    /** A nested object, or empty when absent or null. */
    public Optional<ModelConfig> optObject(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonElement e = json.get(key);
        if (!e.isJsonObject()) {
            throw wrong(key, e, "an object");
        }
        return Optional.of(new ModelConfig(source + " → " + key, e.getAsJsonObject()));
    }

    /** An integer or a list of integers (HF allows both for {@code eos_token_id}); empty when absent. */
    public List<Integer> optIntList(String key) {
        List<Integer> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonElement e = json.get(key);
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                out.add(toInt(key, x));
            }
        } else {
            out.add(toInt(key, e));
        }
        return out;
    }

    /** A list of strings, or empty when absent. */
    public List<String> optStringList(String key) {
        List<String> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonArray()) {
            throw wrong(key, e, "a list of strings");
        }
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw wrong(key, e, "a list of strings");
            }
            out.add(x.getAsString());
        }
        return out;
    }

    /** A failure about this config, for checks the accessors cannot express. */
    public ModelLoadException invalid(String key, String message) {
        return new ModelLoadException("model config " + source + ": field '" + key + "' " + message);
    }

    private JsonElement require(String key) {
        if (!has(key)) {
            throw new ModelLoadException("model config " + source + ": required field '" + key + "' is missing");
        }
        return json.get(key);
    }

    private int toInt(String key, JsonElement e) {
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) {
                BigDecimal v;
                try {
                    v = new BigDecimal(p.getAsString());
                } catch (NumberFormatException ex) {
                    throw wrong(key, e, "an integer");
                }
                if (v.stripTrailingZeros().scale() > 0) {
                    throw wrong(key, e, "an integer");
                }
                try {
                    return v.intValueExact();
                } catch (ArithmeticException ex) {
                    throw wrong(key, e, "an integer in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]");
                }
            }
        }
        throw wrong(key, e, "an integer");
    }

    private ModelLoadException wrong(String key, JsonElement found, String expected) {
        return new ModelLoadException("model config " + source + ": field '" + key + "' is " + found + ", expected "
                + expected);
    }
}
