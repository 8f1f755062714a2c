package dev.cape.inference.heads;

import dev.cape.inference.direction.ActivationCollector;
import dev.cape.inference.direction.LayerActivations;
import dev.cape.inference.model.Progress;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Everything the census needs from one statement set, captured in one forward pass per batch: the last-token
 * {@code blocks.L.hook_resid_post} of every layer (for the directions, σ and the probe's margin), the last-token
 * {@code blocks.L.attn.hook_result} of every head (for the projections and both nulls) and, when asked, each head's
 * mean output over all positions (for mean-ablation). Batches as in {@link ActivationCollector#batches}. Holds
 * {@code n · layers · heads · d_model} floats of head outputs.
 *
 * @param ids            token ids of each statement, in input order
 * @param residPost      last-token {@code hook_resid_post}, {@code [layers][n][d_model]}
 * @param lastResult     last-token {@code hook_result}, {@code [layers][heads][n][d_model]}
 * @param meanResult     mean {@code hook_result} over all positions of all statements,
 *                       {@code [layers][heads][d_model]}, or null when not asked for
 */
record CensusActivations(List<int[]> ids, LayerActivations residPost, float[][][][] lastResult,
        float[][][] meanResult) {

    static CensusActivations capture(LanguageModel model, List<int[]> ids, int batchSize, boolean means,
            Progress progress) {
        int layers = model.spec().nLayers();
        int heads = model.spec().nHeads();
        int d = model.spec().dModel();
        int n = ids.size();
        long bytes = 4L * n * layers * heads * d;
        long room = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > room) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the head census keeps the "
                    + "last-token output of every head: %d statements need %d MiB, more than half the heap (%d MiB); "
                    + "use fewer statements or a larger -Xmx", n, bytes >> 20, (2 * room) >> 20));
        }
        float[][][] resid = new float[layers][n][];              // [layer][n][d]
        float[][][][] last = new float[layers][heads][n][];      // [layer][head][n][d]
        double[][][] sum = means ? new double[layers][heads][d] : null;   // [layer][head][d]
        long positions = 0;
        int done = 0;
        progress.progress("activations", 0, n);
        for (int[] rows : ActivationCollector.batches(ids, batchSize)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("head census cancelled after " + done + " of " + n + " statements");
            }
            int[][] batch = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                batch[i] = ids.get(rows[i]);
            }
            int t = batch[0].length;
            try (HookSession s = model.hooks()) {
                for (int l = 0; l < layers; l++) {
                    s.capture(HookPoints.residPost(l));
                    s.capture(HookPoints.result(l));
                }
                model.forward(batch, null, false);
                for (int l = 0; l < layers; l++) {
                    Activation r = s.require(HookPoints.residPost(l));   // [b, pos, d]
                    float[] a = s.require(HookPoints.result(l)).data();  // [b, pos, head, d]
                    for (int i = 0; i < rows.length; i++) {
                        resid[l][rows[i]] = ActivationCollector.requireFinite(r.vector(i, t - 1),
                                HookPoints.residPost(l), rows[i], n);
                        for (int h = 0; h < heads; h++) {
                            int off = ((i * t + (t - 1)) * heads + h) * d;
                            last[l][h][rows[i]] = ActivationCollector.requireFinite(java.util.Arrays.copyOfRange(a,
                                    off, off + d), HookPoints.result(l) + " (head " + h + ")", rows[i], n);
                        }
                        if (sum != null) {
                            for (int p = 0; p < t; p++) {
                                for (int h = 0; h < heads; h++) {
                                    int off = ((i * t + p) * heads + h) * d;
                                    double[] acc = sum[l][h];
                                    for (int j = 0; j < d; j++) {
                                        acc[j] += a[off + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            positions += (long) rows.length * t;
            done += rows.length;
            progress.progress("activations", done, n);
        }
        float[][][] mean = null;
        if (sum != null) {
            mean = new float[layers][heads][d];
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < d; j++) {
                        mean[l][h][j] = (float) (sum[l][h][j] / positions);
                    }
                }
            }
        }
        return new CensusActivations(ids, new LayerActivations("blocks.{L}.hook_resid_post", resid), last, mean);
    }
}
