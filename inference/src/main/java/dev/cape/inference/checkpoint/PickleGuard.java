package dev.cape.inference.checkpoint;

import dev.cape.inference.llama2c.Llama2cCheckpoint;
import dev.cape.inference.model.FileErrors;
import dev.cape.inference.model.ModelLoadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses PyTorch pickle checkpoints before any loader touches them, with a message saying why and how to convert.
 *
 * <p>Unpickling can execute arbitrary code, so CAPE loads weights only from safetensors and llama2.c
 * {@code model.bin} files. Rules, by file name (case-insensitive):
 * <ul>
 *   <li>{@code *.pt, *.pth, *.ckpt, *.pkl, *.pickle}: refused (PyTorch / pickle extensions);</li>
 *   <li>{@code *.bin}: accepted only when {@link Llama2cCheckpoint#looksLikeLlama2c} holds; a pickle
 *       ({@code 0x80} then protocol {@code 0x02..0x05}, what {@code torch.save} wrote before PyTorch 1.6, e.g. HF
 *       {@code pytorch_model.bin}), a zip archive ({@code PK\3\4}, {@code torch.save} since 1.6) or any other content
 *       is refused;</li>
 *   <li>anything else ({@code *.safetensors}, {@code *.json}, ...): accepted; its own reader validates it. Content is
 *       not sniffed there because a safetensors header length can itself begin with the bytes {@code 80 02}.</li>
 * </ul>
 */
public final class PickleGuard {

    private static final String WHY = "unpickling can execute arbitrary code, so CAPE does not load pickle"
            + " checkpoints. Convert it to safetensors once, in a Python environment you trust: for a Hugging Face"
            + " model folder, AutoModelForCausalLM.from_pretrained(folder).save_pretrained(out,"
            + " safe_serialization=True); for a bare state dict, safetensors.torch.save_file(torch.load(file,"
            + " weights_only=True), \"model.safetensors\")";

    private static final String UNKNOWN = "content of unknown format";

    private PickleGuard() {
    }

    /**
     * Throws when {@code file} must not be loaded.
     *
     * @throws ModelLoadException naming the file, what it is, why it is refused and how to convert it; also when it
     *                            cannot be read
     */
    public static void requireSafe(Path file) {
        Optional<String> refusal = refusal(file);
        if (refusal.isPresent()) {
            throw new ModelLoadException(refusal.get());
        }
    }

    /**
     * Why {@code file} is refused, or empty when it may be handed to a loader.
     *
     * @throws ModelLoadException when a file whose name calls for a content check cannot be read
     */
    public static Optional<String> refusal(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        boolean torchExtension = name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ckpt")
                || name.endsWith(".pkl") || name.endsWith(".pickle");
        boolean bin = name.endsWith(".bin");
        if (!torchExtension && !bin) {
            return Optional.empty();
        }
        Optional<String> llama2cProblem = bin ? Llama2cCheckpoint.problem(file) : Optional.empty();
        if (bin && llama2cProblem.isEmpty()) {
            return Optional.empty();
        }
        String content = describeContent(file);
        if (bin && content.equals(UNKNOWN)) {
            // neither a pickle nor a zip: most likely a damaged llama2.c file, so say what is wrong with its header
            return Optional.of(file + ": not a loadable llama2.c model.bin: " + llama2cProblem.get());
        }
        if (torchExtension) {
            return Optional.of(file + ": refusing a PyTorch/pickle checkpoint (" + content + "): " + WHY);
        }
        return Optional.of(file + ": refusing this .bin: it is not a llama2.c model.bin (its header does not"
                + " describe its size) but " + content + "; .bin weights from Hugging Face are PyTorch pickles, and "
                + WHY);
    }

    private static String describeContent(Path file) {
        byte[] head = new byte[4];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file + ": no such checkpoint file", e);
        } catch (IOException e) {
            throw new ModelLoadException(file + ": cannot read checkpoint: " + FileErrors.reason(e), e);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return "a pickle, protocol " + head[1] + ", as written by torch.save before PyTorch 1.6";
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "a zip archive, as written by torch.save since PyTorch 1.6, which holds a pickle";
        }
        return UNKNOWN;
    }
}
