package dev.cape.inference.eval;

import dev.cape.inference.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled statement set scored by completion: the model's answer is " True" when the summed log-probability of
 * " True" after the prompt (the template with {@code {statement}} replaced) exceeds that of " False". No calibration:
 * a model that always prefers one answer gets the share of that label.
 */
public final class TrueFalseTask implements EvalTask {

    /** The default prompt: the statement alone. */
    public static final String DEFAULT_TEMPLATE = "{statement}";

    private final StatementSet statements;
    private final String template;
    private final int batchSize;
    private final String trueAnswer;
    private final String falseAnswer;

    public TrueFalseTask(StatementSet statements, String template, int batchSize) {
        this(statements, template, " True", " False", batchSize);
    }

    /** With other answer words than {@code " True"} and {@code " False"} (e.g. {@code " true"}, {@code " false"}). */
    public TrueFalseTask(StatementSet statements, String template, String trueAnswer, String falseAnswer,
            int batchSize) {
        if (!template.contains("{statement}")) {
            throw new IllegalArgumentException("template must contain {statement}: '" + template + "'");
        }
        this.statements = statements;
        this.template = template;
        this.batchSize = batchSize;
        if (trueAnswer.isEmpty() || falseAnswer.isEmpty() || trueAnswer.equals(falseAnswer)) {
            throw new IllegalArgumentException("answers must be non-empty and differ: '" + trueAnswer + "', '"
                    + falseAnswer + "'");
        }
        this.trueAnswer = trueAnswer;
        this.falseAnswer = falseAnswer;
    }

    @Override
    public int size() {
        return statements.size();
    }

    @Override
    public String unit() {
        return "statements";
    }

    /** {@code log P(" True") − log P(" False")} per statement. */
    public double[] logOdds(LanguageModel model) {
        double[][] lp = answerLogProbs(model);
        double[] out = new double[lp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = lp[i][0] - lp[i][1];
        }
        return out;
    }

    /** {@code P(" True") − P(" False")} per statement (probabilities of the whole answers). */
    public double[] probabilityMargins(LanguageModel model) {
        double[][] lp = answerLogProbs(model);
        double[] out = new double[lp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(lp[i][0]) - Math.exp(lp[i][1]);
        }
        return out;
    }

    @Override
    public boolean[] correct(LanguageModel model) {
        double[] lo = logOdds(model);
        boolean[] out = new boolean[lo.length];
        for (int i = 0; i < lo.length; i++) {
            out[i] = (lo[i] > 0) == statements.statements().get(i).label();
        }
        return out;
    }

    private double[][] answerLogProbs(LanguageModel model) {
        List<AnswerScorer.Candidate> cs = new ArrayList<>();
        for (Statement s : statements.statements()) {
            String prompt = template.replace("{statement}", s.text());
            cs.add(AnswerScorer.candidate(model, prompt, trueAnswer));
            cs.add(AnswerScorer.candidate(model, prompt, falseAnswer));
        }
        double[] lp = AnswerScorer.logProbs(model, cs, batchSize);
        double[][] out = new double[statements.size()][2];
        for (int i = 0; i < out.length; i++) {
            out[i][0] = lp[2 * i];
            out[i][1] = lp[2 * i + 1];
        }
        return out;
    }
}
