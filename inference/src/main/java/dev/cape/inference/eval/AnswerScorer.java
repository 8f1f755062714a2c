package dev.cape.inference.eval;

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
 * normalisation (TruthfulQA's MC scoring). Answers of one token need only the prompt's last logits, so prompts are
 * run once for all their one-token answers; longer answers run prompt + answer. Sequences run in batches of equal
 * length (the runtime has no padding). Hooks open on the model act on every pass (steered scoring).
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

    private static final long MAX_LOGITS = 16L << 20;   // floats of answer-position logits per batch

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

    /** Summed answer log-probability of every candidate, in order. */
    public static double[] logProbs(LanguageModel model, List<Candidate> candidates, int batchSize) {
        double[] out = new double[candidates.size()];
        Map<List<Integer>, List<Integer>> single = new LinkedHashMap<>();
        List<Integer> multi = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.answer().length == 1) {
                single.computeIfAbsent(boxed(c.prompt()), k -> new ArrayList<>()).add(i);
            } else {
                multi.add(i);
            }
        }
        // one-token answers: last logits of each distinct prompt
        Map<Integer, List<List<Integer>>> promptsByLength = new TreeMap<>();
        for (List<Integer> p : single.keySet()) {
            promptsByLength.computeIfAbsent(p.size(), k -> new ArrayList<>()).add(p);
        }
        for (List<List<Integer>> group : promptsByLength.values()) {
            for (int from = 0; from < group.size(); from += batchSize) {
                checkInterrupt();
                List<List<Integer>> chunk = group.subList(from, Math.min(group.size(), from + batchSize));
                int[][] batch = chunk.stream().map(AnswerScorer::unboxed).toArray(int[][]::new);
                Logits logits = model.forward(batch, null, false);   // [b, 1, vocab]
                for (int b = 0; b < batch.length; b++) {
                    double[] lp = logSoftmax(logits.last(b));
                    for (int i : single.get(chunk.get(b))) {
                        out[i] = lp[candidates.get(i).answer()[0]];
                    }
                }
            }
        }
        // longer answers: prompt + answer, logits at the answer's positions only
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i : multi) {
            Candidate c = candidates.get(i);
            byLength.computeIfAbsent(c.prompt().length + c.answer().length, k -> new ArrayList<>()).add(i);
        }
        int vocab = model.spec().vocabSize();
        for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
            int len = e.getKey();
            List<Integer> rows = e.getValue();
            int widest = rows.stream().mapToInt(i -> candidates.get(i).answer().length).max().orElse(1);
            int cap = (int) Math.max(1, Math.min(batchSize, MAX_LOGITS / ((long) widest * vocab)));
            for (int from = 0; from < rows.size(); from += cap) {
                checkInterrupt();
                List<Integer> chunk = rows.subList(from, Math.min(rows.size(), from + cap));
                int[][] batch = new int[chunk.size()][];
                int[][] at = new int[chunk.size()][widest];   // the positions whose next token is an answer token
                for (int b = 0; b < batch.length; b++) {
                    Candidate c = candidates.get(chunk.get(b));
                    batch[b] = new int[len];
                    System.arraycopy(c.prompt(), 0, batch[b], 0, c.prompt().length);
                    System.arraycopy(c.answer(), 0, batch[b], c.prompt().length, c.answer().length);
                    for (int k = 0; k < widest; k++) {   // a shorter answer repeats its last position
                        at[b][k] = c.prompt().length - 1 + Math.min(k, c.answer().length - 1);
                    }
                }
                Logits logits = model.forwardAt(batch, at);   // [b, widest, vocab]
                for (int b = 0; b < batch.length; b++) {
                    Candidate c = candidates.get(chunk.get(b));
                    double s = 0;
                    for (int k = 0; k < c.answer().length; k++) {
                        s += logSoftmax(logits.row(b, k))[c.answer()[k]];
                    }
                    out[chunk.get(b)] = s;
                }
            }
        }
        return out;
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
