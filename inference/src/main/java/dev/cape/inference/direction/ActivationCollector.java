package dev.cape.inference.direction;

import dev.cape.inference.model.Progress;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * Collects {@code blocks.L.hook_resid_post} at the last token of each sequence, at every layer, in one forward pass
 * per batch. Sequences are grouped by length and each group runs in batches of at most {@code batchSize}
 * equal-length rows (the runtime could left-pad mixed lengths, but equal lengths spend no compute on pad slots); the
 * result is in input order. Stops with a
 * {@link CancellationException} when the thread is interrupted.
 */
public final class ActivationCollector {

    private ActivationCollector() {
    }

    /** Groups of row indices with equal length, each at most {@code batchSize} long, in ascending length order. */
    public static List<int[]> batches(List<int[]> sequences, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
        }
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i).length == 0) {
                throw new IllegalArgumentException("sequence " + i + " is empty");
            }
            byLength.computeIfAbsent(sequences.get(i).length, k -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> rows : byLength.values()) {
            for (int from = 0; from < rows.size(); from += batchSize) {
                out.add(rows.subList(from, Math.min(rows.size(), from + batchSize)).stream().mapToInt(Integer::intValue)
                        .toArray());
            }
        }
        return out;
    }

    /** Last-token residual stream after every block, {@code [layers][n][d_model]}. */
    public static LayerActivations residPostLastToken(LanguageModel model, List<int[]> sequences, int batchSize,
            Progress progress) {
        int layers = model.spec().nLayers();
        float[][][] out = new float[layers][sequences.size()][];
        List<int[]> batches = batches(sequences, batchSize);
        int done = 0;
        progress.progress("activations", 0, sequences.size());
        for (int[] rows : batches) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("activation collection cancelled after " + done + " of "
                        + sequences.size() + " sequences");
            }
            int[][] batch = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                batch[i] = sequences.get(rows[i]);
            }
            int last = batch[0].length - 1;
            try (HookSession s = model.hooks()) {
                for (int l = 0; l < layers; l++) {
                    s.capture(HookPoints.residPost(l));
                }
                model.forward(batch, null, false);
                for (int l = 0; l < layers; l++) {
                    Activation a = s.require(HookPoints.residPost(l));   // [b, pos, d]
                    for (int i = 0; i < rows.length; i++) {
                        out[l][rows[i]] = requireFinite(a.vector(i, last), HookPoints.residPost(l), rows[i],
                                sequences.size());
                    }
                }
            }
            done += rows.length;
            progress.progress("activations", done, sequences.size());
        }
        return new LayerActivations("blocks.{L}.hook_resid_post", out);
    }

    /**
     * {@code v}, the activation at {@code hook} of sequence {@code index} (0-based) of {@code n}, refused when it holds
     * NaN or an infinity: a direction or statistic fitted on it would be meaningless.
     */
    public static float[] requireFinite(float[] v, String hook, int index, int n) {
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                throw new ModelLoadException(hook + " of statement " + (index + 1) + " of " + n + " holds " + v[k]
                        + " at index " + k + ": the model's weights hold NaN or infinite values, or float16 "
                        + "overflowed (try --dtype float32)");
            }
        }
        return v;
    }

    /** Token ids of each text, with BOS by the tokenizer's convention ({@code bosByDefault()}). */
    public static List<int[]> encode(LanguageModel model, List<String> texts) {
        return encode(model, texts, StatementBos.TOKENIZER_DEFAULT);
    }

    /** Token ids of each text, with or without BOS as {@code bos} says. */
    public static List<int[]> encode(LanguageModel model, List<String> texts, StatementBos bos) {
        return encode(model.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "the model has no tokenizer; statements need one")), texts, bos);
    }

    /** Token ids of each text by {@code tok}, with or without BOS as {@code bos} says. */
    public static List<int[]> encode(TextTokenizer tok, List<String> texts, StatementBos bos) {
        boolean addBos = bos.addBos(tok);
        List<int[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            int[] ids = tok.encode(t, addBos);
            if (ids.length == 0) {
                throw new IllegalArgumentException("text has no tokens: '" + t + "'");
            }
            out.add(ids);
        }
        return out;
    }
}
