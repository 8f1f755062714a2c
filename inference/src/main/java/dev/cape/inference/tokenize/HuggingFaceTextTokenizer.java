package dev.cape.inference.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cape.inference.model.FileErrors;
import dev.cape.inference.model.JsonErrors;
import dev.cape.inference.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's native {@code tokenizers} binding. Encoding adds no special
 * tokens of its own (the post-processor is not run); BOS is prepended only when asked. BOS/EOS ids come from
 * {@code generation_config.json}, then {@code config.json}, then the token strings of {@code tokenizer_config.json}.
 */
public final class HuggingFaceTextTokenizer implements TextTokenizer {

    public static final String FILE = "tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final OptionalInt bos;
    private final OptionalInt eos;
    private final int vocabSize;

    private HuggingFaceTextTokenizer(HuggingFaceTokenizer tokenizer, OptionalInt bos, OptionalInt eos, int vocabSize) {
        this.tokenizer = tokenizer;
        this.bos = bos;
        this.eos = eos;
        this.vocabSize = vocabSize;
    }

    /**
     * Loads {@code tokenizer.json} of a model folder and resolves BOS/EOS from the folder's config files.
     *
     * @throws ModelLoadException naming the file when it cannot be read or parsed
     */
    public static HuggingFaceTextTokenizer load(Path folder) {
        Path file = folder.resolve(FILE);
        JsonObject tokJson = readObject(file, true);
        int vocab = vocabSize(file, tokJson);
        HuggingFaceTokenizer tok;
        try {
            tok = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false", "truncation", "false",
                    "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
        JsonObject gen = readObject(folder.resolve("generation_config.json"), false);
        JsonObject cfg = readObject(folder.resolve("config.json"), false);
        JsonObject tokCfg = readObject(folder.resolve("tokenizer_config.json"), false);
        OptionalInt bos = firstId(tok, "bos", gen, cfg, tokCfg);
        OptionalInt eos = firstId(tok, "eos", gen, cfg, tokCfg);
        return new HuggingFaceTextTokenizer(tok, bos, eos, vocab);
    }

    private static OptionalInt firstId(HuggingFaceTokenizer tok, String kind, JsonObject gen, JsonObject cfg,
            JsonObject tokCfg) {
        for (JsonObject o : List.of(gen, cfg)) {
            JsonElement e = o.get(kind + "_token_id");
            if (e != null && !e.isJsonNull()) {
                if (e.isJsonArray() && e.getAsJsonArray().size() > 0) {
                    return OptionalInt.of(e.getAsJsonArray().get(0).getAsInt());
                }
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                    return OptionalInt.of(e.getAsInt());
                }
            }
        }
        JsonElement token = tokCfg.get(kind + "_token");
        String text = null;
        if (token != null && token.isJsonPrimitive()) {
            text = token.getAsString();
        } else if (token != null && token.isJsonObject() && token.getAsJsonObject().has("content")) {
            text = token.getAsJsonObject().get("content").getAsString();
        }
        if (text != null) {
            long[] ids = tok.encode(text, false, false).getIds();
            if (ids.length == 1) {
                return OptionalInt.of((int) ids[0]);
            }
        }
        return OptionalInt.empty();
    }

    private static int vocabSize(Path file, JsonObject json) {
        int size = 0;
        JsonElement model = json.get("model");
        if (model != null && model.isJsonObject()) {
            JsonElement vocab = model.getAsJsonObject().get("vocab");
            if (vocab != null && vocab.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                    size = Math.max(size, e.getValue().getAsInt() + 1);
                }
            } else if (vocab != null && vocab.isJsonArray()) {
                size = vocab.getAsJsonArray().size();
            }
        }
        JsonElement added = json.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement a : added.getAsJsonArray()) {
                if (a.isJsonObject() && a.getAsJsonObject().has("id")) {
                    size = Math.max(size, a.getAsJsonObject().get("id").getAsInt() + 1);
                }
            }
        }
        if (size == 0) {
            throw new ModelLoadException("tokenizer " + file + " has no vocabulary (model.vocab)");
        }
        return size;
    }

    private static JsonObject readObject(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new ModelLoadException("tokenizer file " + file + " does not exist");
            }
            return new JsonObject();
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file));
            if (!e.isJsonObject()) {
                throw new ModelLoadException(file + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + FileErrors.reason(e), e);
        } catch (JsonParseException e) {
            throw new ModelLoadException(file + " is not valid JSON: " + JsonErrors.describe(e), e);
        }
    }

    @Override
    public int[] encode(String text, boolean addBos) {
        Encoding enc = tokenizer.encode(text, false, false);
        long[] ids = enc.getIds();
        int offset = addBos && bos.isPresent() ? 1 : 0;
        int[] out = new int[ids.length + offset];
        if (offset == 1) {
            out[0] = bos.getAsInt();
        }
        for (int i = 0; i < ids.length; i++) {
            out[i + offset] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, true);
    }

    @Override
    public String decodeNext(int previous, int id) {
        String before = decode(new int[] {previous});
        String both = decode(new int[] {previous, id});
        return both.startsWith(before) ? both.substring(before.length()) : decode(new int[] {id});
    }

    /** The text pieces of the pre-tokenizer and model, without special tokens (for display). */
    public List<String> tokens(String text) {
        return List.of(tokenizer.encode(text, false, false).getTokens());
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
