package dev.cape.inference.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cape.inference.checkpoint.PickleGuard;
import dev.cape.inference.safetensors.SafetensorsCheckpoint;
import dev.cape.inference.tokenize.HuggingFaceTextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a model path holds, found before anything is loaded: the one place that decides how {@code --model PATH} is
 * read. Accepted layouts:
 * <ul>
 *   <li>a Hugging Face folder: {@code config.json}, {@code model.safetensors} or {@code model.safetensors.index.json}
 *       with its shards, optionally {@code tokenizer.json};</li>
 *   <li>a llama2.c {@code model.bin} file, with {@code tokenizer.bin} beside it when present;</li>
 *   <li>a folder holding a llama2.c {@code model.bin} (and {@code tokenizer.bin}) but no {@code config.json}.</li>
 * </ul>
 * Pickle checkpoints ({@code pytorch_model.bin}, {@code *.pt}, {@code *.pth}, ...) are refused by {@link PickleGuard}
 * with its message (why, and how to convert); anything else is refused with a message listing these layouts.
 *
 * @param format      how the weights are stored
 * @param path        the path as given
 * @param weightFiles the files holding the weights (one, or the shards of an index)
 * @param tokenizer   the tokenizer file, when there is one
 */
public record ModelSource(Format format, Path path, List<Path> weightFiles, Optional<Path> tokenizer) {

    /** Checkpoint formats. */
    public enum Format {
        /** Hugging Face folder with safetensors weights. */
        HF_SAFETENSORS,
        /** Karpathy llama2.c {@code model.bin} (+ {@code tokenizer.bin}). */
        LLAMA2C
    }

    /** The llama2.c weights file name looked for in a folder. */
    public static final String LLAMA2C_MODEL = "model.bin";
    /** The llama2.c tokenizer file name looked for beside {@code model.bin}. */
    public static final String LLAMA2C_TOKENIZER = "tokenizer.bin";

    static final String EXPECTED = "expected a Hugging Face model folder (config.json + model.safetensors, or"
            + " model.safetensors.index.json + its shards; tokenizer.json optional), a llama2.c model.bin file"
            + " (tokenizer.bin beside it), or a folder holding a llama2.c model.bin + tokenizer.bin";

    public ModelSource {
        weightFiles = List.copyOf(weightFiles);
    }

    /**
     * Finds what {@code path} holds.
     *
     * @throws ModelLoadException when the path does not exist, is a pickle checkpoint (or a folder holding only
     *                            those), or is none of the accepted layouts
     */
    public static ModelSource detect(Path path) {
        if (Files.isRegularFile(path)) {
            return file(path);
        }
        if (!Files.isDirectory(path)) {
            throw new ModelLoadException("model path " + path + " does not exist; " + EXPECTED);
        }
        if (Files.isRegularFile(path.resolve("config.json"))) {
            return huggingFace(path);
        }
        Path modelBin = path.resolve(LLAMA2C_MODEL);
        if (Files.isRegularFile(modelBin)) {
            PickleGuard.requireSafe(modelBin);
            return llama2c(path, modelBin);
        }
        refusePickles(path);
        throw new ModelLoadException("model folder " + path + " has no config.json and no " + LLAMA2C_MODEL + " ("
                + EXPECTED + "); it holds " + listing(path));
    }

    private static ModelSource file(Path file) {
        PickleGuard.requireSafe(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bin")) {  // PickleGuard lets a .bin through only when it is a llama2.c checkpoint
            return llama2c(file, file);
        }
        throw new ModelLoadException("model path " + file + " is a file but not a llama2.c model.bin; " + EXPECTED);
    }

    private static ModelSource llama2c(Path given, Path modelBin) {
        Path tok = modelBin.resolveSibling(LLAMA2C_TOKENIZER);
        return new ModelSource(Format.LLAMA2C, given, List.of(modelBin),
                Files.isRegularFile(tok) ? Optional.of(tok) : Optional.empty());
    }

    private static ModelSource huggingFace(Path folder) {
        if (!SafetensorsCheckpoint.present(folder)) {
            refusePickles(folder);
            throw new ModelLoadException("model folder " + folder + " has no " + SafetensorsCheckpoint.SINGLE_FILE
                    + " and no " + SafetensorsCheckpoint.INDEX_FILE + " (" + EXPECTED + "); it holds "
                    + listing(folder));
        }
        List<Path> weights = Files.isRegularFile(folder.resolve(SafetensorsCheckpoint.INDEX_FILE))
                ? shards(folder) : List.of(folder.resolve(SafetensorsCheckpoint.SINGLE_FILE));
        Path tok = folder.resolve(HuggingFaceTextTokenizer.FILE);
        return new ModelSource(Format.HF_SAFETENSORS, folder, weights,
                Files.isRegularFile(tok) ? Optional.of(tok) : Optional.empty());
    }

    /** The distinct shard files of an index, in order of first mention (validated again when opened). */
    private static List<Path> shards(Path folder) {
        Path index = folder.resolve(SafetensorsCheckpoint.INDEX_FILE);
        try {
            JsonElement root = JsonParser.parseString(Files.readString(index));
            Set<Path> files = new LinkedHashSet<>();
            if (root.isJsonObject() && root.getAsJsonObject().get("weight_map") instanceof JsonObject map) {
                for (var e : map.entrySet()) {
                    if (e.getValue().isJsonPrimitive()) {
                        files.add(folder.resolve(e.getValue().getAsString()).normalize());
                    }
                }
            }
            return new ArrayList<>(files);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read shard index " + index + ": " + FileErrors.reason(e), e);
        } catch (JsonParseException e) {
            throw new ModelLoadException("shard index " + index + " is not valid JSON: "
                    + JsonErrors.describe(e), e);
        }
    }

    /** Throws PickleGuard's refusal for the first pickle checkpoint in the folder, if any. */
    private static void refusePickles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    Optional<String> refusal = PickleGuard.refusal(p);
                    if (refusal.isPresent()) {
                        throw new ModelLoadException(refusal.get());
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot list model folder " + folder + ": " + FileErrors.reason(e), e);
        }
    }

    private static String listing(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                return "no files";
            }
            return names.size() <= 12 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " entries)";
        } catch (IOException e) {
            return "entries that cannot be listed (" + e.getMessage() + ")";
        }
    }

    /** Total bytes of the weight files. */
    public long weightFileBytes() {
        long total = 0;
        for (Path p : weightFiles) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                throw new ModelLoadException("cannot read the size of " + p + ": " + FileErrors.reason(e), e);
            }
        }
        return total;
    }
}
