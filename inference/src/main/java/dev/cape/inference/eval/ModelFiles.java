package dev.cape.inference.eval;

import dev.cape.inference.llama2c.Llama2cCheckpoint;
import dev.cape.inference.llama2c.Llama2cTokenizer;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelConfig;
import dev.cape.inference.model.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens a model given on the command line: a Hugging Face folder, or a llama2.c {@code model.bin} with its
 * {@code tokenizer.bin} beside it; and identifies it for provenance.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** Loads {@code path} (HF folder or llama2.c model.bin) on {@code device}. */
    public static LanguageModel load(Path path, String device) {
        if (Files.isDirectory(path)) {
            return LanguageModel.load(path, device);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(path + ": no such model folder or llama2.c model.bin");
        }
        if (!Llama2cCheckpoint.looksLikeLlama2c(path)) {
            throw new ModelLoadException(path + ": neither a model folder nor a llama2.c model.bin (header or size "
                    + "do not match)");
        }
        Path tok = path.resolveSibling("tokenizer.bin");
        if (!Files.isRegularFile(tok)) {
            throw new ModelLoadException(path + ": llama2.c model.bin needs tokenizer.bin beside it, not found: " + tok);
        }
        try (Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(path)) {
            String id = path.getParent() == null ? path.getFileName().toString()
                    : path.getParent().getFileName().toString();
            return LanguageModel.load(ModelConfig.of(id, ckpt.hfConfig()), ckpt, Llama2cTokenizer.load(tok), device);
        }
    }

    /** A short model id: the folder name, or the folder of a model.bin. */
    public static String id(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            return p.getFileName().toString();
        }
        Path parent = p.getParent();
        return parent == null ? p.getFileName().toString() : parent.getFileName() + "/" + p.getFileName();
    }

    /**
     * sha256 identifying the weights: of the model.bin itself, or for a folder of its config.json followed by its
     * {@code *.safetensors} files in name order.
     */
    public static String sha256(Path path) {
        if (!Files.isDirectory(path)) {
            return Hashing.sha256(path);
        }
        MessageDigest md = Hashing.digest();
        try (Stream<Path> s = Files.list(path)) {
            List<Path> files = s.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals("config.json") || n.endsWith(".safetensors");
            }).sorted((a, b) -> {
                boolean ca = a.getFileName().toString().equals("config.json");
                boolean cb = b.getFileName().toString().equals("config.json");
                return ca != cb ? (ca ? -1 : 1) : a.getFileName().toString().compareTo(b.getFileName().toString());
            }).toList();
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                try (var in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0;) {
                        md.update(buf, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
