package dev.cape.inference.safetensors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cape.inference.model.FileErrors;
import dev.cape.inference.model.JsonErrors;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.model.TensorStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The safetensors weights of a Hugging Face model folder: either one {@code model.safetensors} or the shards listed in
 * {@code model.safetensors.index.json} ({@code model-00001-of-0000n.safetensors}, ...), seen as one {@link TensorStore}.
 * Pickle checkpoints ({@code pytorch_model.bin}, {@code *.pt}, {@code *.pth}) are refused: unpickling runs arbitrary
 * code.
 */
public final class SafetensorsCheckpoint implements TensorStore {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path folder;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byName;

    private SafetensorsCheckpoint(Path folder, List<SafetensorsFile> files, Map<String, SafetensorsFile> byName) {
        this.folder = folder;
        this.files = files;
        this.byName = byName;
    }

    /** True when the folder holds safetensors weights this class can open. */
    public static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(INDEX_FILE)) || Files.isRegularFile(folder.resolve(SINGLE_FILE));
    }

    /**
     * Opens the weights of a model folder: the shard index when present, else {@code model.safetensors}.
     *
     * @throws ModelLoadException when there are none (saying why pickle files are refused), or they are malformed
     */
    public static SafetensorsCheckpoint open(Path folder) {
        if (Files.isRegularFile(folder.resolve(INDEX_FILE))) {
            return openSharded(folder, folder.resolve(INDEX_FILE));
        }
        if (Files.isRegularFile(folder.resolve(SINGLE_FILE))) {
            SafetensorsFile f = SafetensorsFile.open(folder.resolve(SINGLE_FILE));
            Map<String, SafetensorsFile> byName = new TreeMap<>();
            for (String n : f.names()) {
                byName.put(n, f);
            }
            return new SafetensorsCheckpoint(folder, List.of(f), Collections.unmodifiableMap(byName));
        }
        List<Path> pickles = pickleCheckpoints(folder);
        if (!pickles.isEmpty()) {
            throw new ModelLoadException(refusePickleMessage(pickles.get(0)));
        }
        throw new ModelLoadException("model folder " + folder + " has no " + SINGLE_FILE + " and no " + INDEX_FILE);
    }

    /** The message refusing a pickle checkpoint: why, and how to convert it. */
    public static String refusePickleMessage(Path file) {
        return "refusing to load " + file + ": it is a PyTorch pickle checkpoint, and unpickling can execute arbitrary "
                + "code on load. Convert it to safetensors first, e.g. in Python: "
                + "AutoModelForCausalLM.from_pretrained(dir).save_pretrained(out, safe_serialization=True), "
                + "or with the 'convert.py' script of the safetensors project (huggingface/safetensors, bindings/python).";
    }

    /**
     * Pickle checkpoints in a folder: {@code *.pt}, {@code *.pth}, {@code *.ckpt}, and {@code *.bin} files that start
     * like a zip archive or a pickle stream (a llama2.c {@code model.bin} starts with its int32 header instead).
     */
    public static List<Path> pickleCheckpoints(Path folder) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.sorted().forEach(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ckpt")
                        || (n.endsWith(".bin") && looksLikePickle(p))) {
                    out.add(p);
                }
            });
        } catch (IOException e) {
            throw new ModelLoadException("cannot list model folder " + folder + ": " + FileErrors.reason(e), e);
        }
        return out;
    }

    /** True when the file starts like a zip archive ({@code PK\3\4}, torch.save) or a pickle stream (0x80 protocol). */
    public static boolean looksLikePickle(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (head.length < 2) {
                return false;
            }
            boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            boolean pickle = (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
            return zip || pickle;
        } catch (IOException e) {
            return false;
        }
    }

    private static SafetensorsCheckpoint openSharded(Path folder, Path index) {
        JsonObject weightMap;
        try {
            JsonElement root = JsonParser.parseString(Files.readString(index));
            if (!root.isJsonObject() || !root.getAsJsonObject().has("weight_map")
                    || !root.getAsJsonObject().get("weight_map").isJsonObject()) {
                throw new ModelLoadException("shard index " + index + " has no object field 'weight_map'");
            }
            weightMap = root.getAsJsonObject().getAsJsonObject("weight_map");
        } catch (IOException e) {
            throw new ModelLoadException("cannot read shard index " + index + ": " + FileErrors.reason(e), e);
        } catch (JsonParseException e) {
            throw new ModelLoadException("shard index " + index + " is not valid JSON: "
                    + JsonErrors.describe(e), e);
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byName = new TreeMap<>();
        try {
            for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
                if (!e.getValue().isJsonPrimitive()) {
                    throw new ModelLoadException("shard index " + index + ": tensor '" + e.getKey()
                            + "' maps to " + e.getValue() + ", expected a file name");
                }
                String shardName = e.getValue().getAsString();
                Path shardPath = folder.resolve(shardName).normalize();
                if (!shardPath.getParent().equals(folder.normalize())) {
                    throw new ModelLoadException("shard index " + index + ": tensor '" + e.getKey()
                            + "' maps to '" + shardName + "', which is outside the model folder");
                }
                if (!Files.isRegularFile(shardPath)) {
                    throw new ModelLoadException("shard index " + index + ": tensor '" + e.getKey()
                            + "' maps to missing file " + shardPath);
                }
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    shard = SafetensorsFile.open(shardPath);
                    shards.put(shardName, shard);
                }
                if (!shard.names().contains(e.getKey())) {
                    throw new ModelLoadException("shard index " + index + ": tensor '" + e.getKey() + "' is listed in "
                            + shardName + ", but that file has no such tensor");
                }
                byName.put(e.getKey(), shard);
            }
            return new SafetensorsCheckpoint(folder, List.copyOf(shards.values()), Collections.unmodifiableMap(byName));
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /** The model folder. */
    public Path folder() {
        return folder;
    }

    /** The files read, in index order. */
    public List<Path> files() {
        return files.stream().map(SafetensorsFile::file).toList();
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public TensorData get(String name) {
        SafetensorsFile f = byName.get(name);
        if (f == null) {
            throw new ModelLoadException("checkpoint in " + folder + " has no tensor '" + name + "'");
        }
        return f.get(name);
    }

    @Override
    public long[] shape(String name) {
        return file(name).shape(name);
    }

    @Override
    public dev.cape.inference.model.DType dtype(String name) {
        return file(name).dtype(name);
    }

    @Override
    public java.nio.ByteBuffer map(String name) {
        return file(name).map(name);
    }

    @Override
    public Location locate(String name) {
        return file(name).locate(name);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = byName.get(name);
        if (f == null) {
            throw new ModelLoadException("checkpoint in " + folder + " has no tensor '" + name + "'");
        }
        return f;
    }

    @Override
    public void read(String name, java.nio.ByteBuffer dst) {
        SafetensorsFile f = byName.get(name);
        if (f == null) {
            throw new ModelLoadException("checkpoint in " + folder + " has no tensor '" + name + "'");
        }
        f.read(name, dst);
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
