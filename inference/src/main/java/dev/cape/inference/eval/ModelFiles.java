package dev.cape.inference.eval;

import dev.cape.inference.llama2c.Llama2cCheckpoint;
import dev.cape.inference.model.FileErrors;
import dev.cape.inference.model.LanguageModel;
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

    /**
     * Loads {@code path} on {@code device}: a HF folder, a llama2.c {@code model.bin} (tokenizer.bin beside it) or a
     * folder holding one — {@link LanguageModel#load(Path, String)}, the one place that knows how.
     */
    public static LanguageModel load(Path path, String device) {
        return LanguageModel.load(path, device);
    }

    /** {@link #load(Path, String)} in {@code dtype} ({@code auto}: float32 on the CPU, float16 on a GPU). */
    public static LanguageModel load(Path path, String device, dev.cape.inference.model.ModelDtype dtype) {
        return LanguageModel.load(path, device, dtype);
    }

    /**
     * Whether {@code path} looks like a model CAPE can load, judged from the names and the llama2.c header only (so a
     * dropped folder or file can be told from a data file): a folder with {@code config.json} or with a llama2.c
     * {@code model.bin}, or a llama2.c checkpoint file. Loading may still fail, with the reason.
     */
    public static boolean looksLikeModel(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("config.json"))
                    || Llama2cCheckpoint.looksLikeLlama2c(path.resolve("model.bin"));
        }
        return path.getFileName() != null && path.getFileName().toString().endsWith(".bin")
                && Llama2cCheckpoint.looksLikeLlama2c(path);
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
            throw new UncheckedIOException("cannot read " + path + ": " + FileErrors.reason(e), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
