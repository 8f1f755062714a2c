package dev.cape.inference.eval;

import dev.cape.inference.model.KvCache;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * Summed log-probabilities of answers after prompts, {@code Σ_k log p(answer_k | prompt, answer_<k)}, with no length
 * normalisation (TruthfulQA's MC scoring). Each prompt runs once for all its answers; the answers continue its KV
 * cache. Sequences run in batches of equal length (no padding). Hooks open on the model act on every pass, the
 * prompt's and the answers' alike, as on one pass over prompt + answer (steered scoring).
 */
public final class AnswerScorer {

    /** A prompt and an answer continuing it, as token ids. */
    public record Candidate(int[] prompt, int[] answer) {
        public Candidate {
            if (prompt.length == 0 || answer.length == 0) {
                throw new IllegalArgumentException("prompt and answer must both have tokens");
            }
        }
    }

    private static final long MAX_LOGITS = 16L << 20;   // floats of native answer logits per batch of continuations

    private AnswerScorer() {
    }

    /** The prompt and answer token ids of {@code promptText + answerText}; fails when the answer merges with it. */
    public static Candidate candidate(LanguageModel model, String promptText, String answerText) {
        var tok = model.tokenizer().orElseThrow(() -> new IllegalArgumentException("the model has no tokenizer"));
        int[] prompt = tok.encode(promptText, tok.bosByDefault());
        int[] full = tok.encode(promptText + answerText, tok.bosByDefault());
        if (full.length <= prompt.length || !Arrays.equals(Arrays.copyOf(full, prompt.length), prompt)) {
            throw new IllegalArgumentException("the answer '" + answerText + "' does not tokenize separately after '"
                    + promptText + "'");
        }
        return new Candidate(prompt, Arrays.copyOfRange(full, prompt.length, full.length));
    }

    /**
     * Summed answer log-probability of every candidate, in order. Each distinct prompt runs once: prompts of equal
     * length in batches of up to {@code batchSize}, each batch filling a KV cache. The prompt's last logits score
     * every answer's first token; the rest of each answer continues its prompt's cached keys and values, answers of
     * equal length in batches ({@link KvCache#select}), so a prompt shared by several answers (TruthfulQA's) is never
     * recomputed.
     */
    public static double[] logProbs(LanguageModel model, List<Candidate> candidates, int batchSize) {
        double[] out = new double[candidates.size()];
        Map<List<Integer>, List<Integer>> byPrompt = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            byPrompt.computeIfAbsent(boxed(candidates.get(i).prompt()), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, List<List<Integer>>> promptsByLength = new TreeMap<>();
        for (List<Integer> p : byPrompt.keySet()) {
            promptsByLength.computeIfAbsent(p.size(), k -> new ArrayList<>()).add(p);
        }
        for (List<List<Integer>> group : promptsByLength.values()) {
            for (int from = 0; from < group.size(); from += batchSize) {
                checkInterrupt();
                List<List<Integer>> prompts = group.subList(from, Math.min(group.size(), from + batchSize));
                int[][] batch = prompts.stream().map(AnswerScorer::unboxed).toArray(int[][]::new);
                boolean continued = prompts.stream().anyMatch(p -> byPrompt.get(p).stream()
                        .anyMatch(i -> candidates.get(i).answer().length > 1));
                // a cache only when some answer continues the prompt: one-token answers need the last logits alone
                try (KvCache cache = continued ? model.newCache(batch.length, batch[0].length) : null) {
                    Logits last = model.forward(batch, cache, false);   // [b, 1, vocab]
                    Map<Integer, List<int[]>> continuations = new TreeMap<>();   // answer length -> {candidate, row}
                    for (int row = 0; row < batch.length; row++) {
                        double[] lp = logSoftmax(last.last(row));
                        for (int i : byPrompt.get(prompts.get(row))) {
                            int[] answer = candidates.get(i).answer();
                            out[i] = lp[answer[0]];
                            if (answer.length > 1) {
                                continuations.computeIfAbsent(answer.length, k -> new ArrayList<>()).add(
                                        new int[] {i, row});
                            }
                        }
                    }
                    for (Map.Entry<Integer, List<int[]>> e : continuations.entrySet()) {
                        continueAnswers(model, candidates, cache, e.getKey(), e.getValue(), batchSize, out);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Adds to {@code out} the log-probabilities of answer tokens 1..len-1 of candidates whose answers have {@code len}
     * tokens, each continuing its prompt's row of {@code cache}.
     */
    private static void continueAnswers(LanguageModel model, List<Candidate> candidates, KvCache cache, int len,
            List<int[]> rows, int batchSize, double[] out) {
        int cap = (int) Math.max(1, Math.min(batchSize, MAX_LOGITS / ((long) (len - 1) * model.spec().vocabSize())));
        for (int from = 0; from < rows.size(); from += cap) {
            checkInterrupt();
            List<int[]> chunk = rows.subList(from, Math.min(rows.size(), from + cap));
            int[][] batch = new int[chunk.size()][];
            int[][] next = new int[chunk.size()][];
            int[] promptRows = new int[chunk.size()];
            for (int b = 0; b < batch.length; b++) {
                int[] answer = candidates.get(chunk.get(b)[0]).answer();
                batch[b] = Arrays.copyOf(answer, len - 1);   // the last token predicts nothing
                next[b] = Arrays.copyOfRange(answer, 1, len);   // what each of them is followed by
                promptRows[b] = chunk.get(b)[1];
            }
            try (KvCache rowsCache = cache.select(promptRows, len - 1)) {
                float[][] lp = model.tokenLogProbs(batch, rowsCache, next);   // [b][len - 1]
                for (int b = 0; b < batch.length; b++) {
                    for (float v : lp[b]) {
                        out[chunk.get(b)[0]] += v;
                    }
                }
            }
        }
    }

    /** Natural-log softmax in double precision. */
    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float f : logits) {
            max = Math.max(max, f);
        }
        double sum = 0;
        for (float f : logits) {
            sum += Math.exp(f - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logits[i] - lse;
        }
        return out;
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("scoring cancelled");
        }
    }

    private static List<Integer> boxed(int[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static int[] unboxed(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }
}
