package dev.cape.analysis.ode;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.resampling.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Sparse identification of the scaling dynamics ds/dx = Ξᵀ Θ(s), s = (R, T), x = log10 N (method §7; the
 * PySINDy {@code SINDy(feature_library=PolynomialLibrary(degree), optimizer=STLSQ(threshold, alpha))} model fitted
 * on finite differences).
 *
 * <p>Derivative samples come from {@link FamilyStates#derivativeSamples()} of every family with at least two
 * distinct sizes; dR/dx and dT/dx are fitted separately by {@link Stlsq} on the library {@link PolynomialLibrary}
 * of the chosen order. Held-out families are predicted by integrating the fitted field with
 * {@link TrajectoryIntegrator} from their smallest size to each other size.
 */
public final class Sindy {

    /** Default held-out family of the method (paper: 5.6% MAPE). */
    public static final String DEFAULT_HELD_OUT = "Llama-2";
    /** Default λ grid for cross-validation. */
    public static final List<Double> DEFAULT_GRID = List.of(0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5);

    private final CompositeScores scores;
    private final int order;
    private final double threshold;
    private final double ridge;
    private final int maxIterations;
    private final ThresholdSelection selection;
    private final List<Double> grid;
    private final CvScore cvScore;
    private final int minLofoSizes;
    private final TrajectoryIntegrator integrator;
    private final ProgressListener progress;

    private Sindy(CompositeScores scores, int order, double threshold, double ridge, int maxIterations,
                  ThresholdSelection selection, List<Double> grid, CvScore cvScore, int minLofoSizes,
                  TrajectoryIntegrator integrator, ProgressListener progress) {
        this.scores = scores;
        this.order = order;
        this.threshold = threshold;
        this.ridge = ridge;
        this.maxIterations = maxIterations;
        this.selection = selection;
        this.grid = grid;
        this.cvScore = cvScore;
        this.minLofoSizes = minLofoSizes;
        this.integrator = integrator;
        this.progress = progress;
    }

    /**
     * Default scores, order 2, λ = 0.05 fixed, α = 1e-3, 20 iterations, grid {@link #DEFAULT_GRID} scored by
     * trajectory MAPE, folds with ≥ 3 distinct sizes, default integrator.
     */
    public static Sindy withDefaults() {
        Stlsq d = Stlsq.withDefaults();
        return new Sindy(CompositeScores.withDefaults(), 2, d.threshold(), d.ridge(), d.maxIterations(),
                ThresholdSelection.FIXED, DEFAULT_GRID, CvScore.TRAJECTORY_MAPE, 3, TrajectoryIntegrator.withDefaults(),
                ProgressListener.NONE);
    }

    public Sindy withScores(CompositeScores s) {
        return new Sindy(Objects.requireNonNull(s, "scores"), order, threshold, ridge, maxIterations, selection, grid,
                cvScore, minLofoSizes, integrator, progress);
    }

    /** Polynomial order of the library, 1 ≤ order ≤ {@value PolynomialLibrary#MAX_ORDER}. */
    public Sindy withOrder(int libraryOrder) {
        PolynomialLibrary.ofOrder(libraryOrder);
        return new Sindy(scores, libraryOrder, threshold, ridge, maxIterations, selection, grid, cvScore,
                minLofoSizes, integrator, progress);
    }

    /** The fixed λ ≥ 0 (also the fallback when cross-validation has too few folds). */
    public Sindy withThreshold(double lambda) {
        Stlsq.withDefaults().withThreshold(lambda);
        return new Sindy(scores, order, lambda, ridge, maxIterations, selection, grid, cvScore, minLofoSizes,
                integrator, progress);
    }

    public Sindy withRidge(double alpha) {
        Stlsq.withDefaults().withRidge(alpha);
        return new Sindy(scores, order, threshold, alpha, maxIterations, selection, grid, cvScore, minLofoSizes,
                integrator, progress);
    }

    public Sindy withMaxIterations(int n) {
        Stlsq.withDefaults().withMaxIterations(n);
        return new Sindy(scores, order, threshold, ridge, n, selection, grid, cvScore, minLofoSizes,
                integrator, progress);
    }

    public Sindy with(ThresholdSelection s) {
        return new Sindy(scores, order, threshold, ridge, maxIterations, Objects.requireNonNull(s, "selection"), grid,
                cvScore, minLofoSizes, integrator, progress);
    }

    public Sindy with(CvScore s) {
        return new Sindy(scores, order, threshold, ridge, maxIterations, selection, grid,
                Objects.requireNonNull(s, "cvScore"), minLofoSizes, integrator, progress);
    }

    /** λ candidates for cross-validation: non-empty, each finite and ≥ 0. */
    public Sindy withThresholdGrid(double... lambdas) {
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("threshold grid must not be empty: " + Arrays.toString(lambdas));
        }
        List<Double> g = new ArrayList<>();
        for (double l : lambdas) {
            if (!(l >= 0) || Double.isInfinite(l)) {
                throw new IllegalArgumentException("threshold grid values must be finite and >= 0: "
                        + Arrays.toString(lambdas));
            }
            g.add(l);
        }
        return new Sindy(scores, order, threshold, ridge, maxIterations, selection, List.copyOf(g), cvScore,
                minLofoSizes, integrator, progress);
    }

    /** Distinct sizes a family needs to be held out (leave-one-family-out table and CV folds), ≥ 2. */
    public Sindy withMinLofoSizes(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("minLofoSizes must be >= 2: " + n);
        }
        return new Sindy(scores, order, threshold, ridge, maxIterations, selection, grid, cvScore, n,
                integrator, progress);
    }

    public Sindy withIntegrator(TrajectoryIntegrator i) {
        return new Sindy(scores, order, threshold, ridge, maxIterations, selection, grid, cvScore, minLofoSizes,
                Objects.requireNonNull(i, "integrator"), progress);
    }

    /** Receives progress of cross-validation and leave-one-family-out loops (one unit per fit). */
    public Sindy withProgress(ProgressListener listener) {
        return new Sindy(scores, order, threshold, ridge, maxIterations, selection, grid, cvScore, minLofoSizes,
                integrator, Objects.requireNonNull(listener, "listener"));
    }

    public SindySettings settings() {
        return new SindySettings(scores.reasoning(), scores.truth(), order, threshold, ridge, maxIterations, selection,
                grid, cvScore, minLofoSizes, integrator.settings());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Prepared(CompositeScores.Result scored, List<FamilyStates> families) {
    }

    private Prepared prepare(Dataset data) {
        Objects.requireNonNull(data, "data");
        CompositeScores.Result sc = scores.compute(data);
        return new Prepared(sc, FamilyStates.of(sc.scored()));
    }

    /** Fits the field on every family of the data set with at least two distinct sizes. */
    public SindyFit fit(Dataset data) {
        Prepared p = prepare(data);
        return fitFamilies(p.families(), p.scored());
    }

    private SindyFit fitFamilies(List<FamilyStates> training, CompositeScores.Result scored) {
        List<String> notes = new ArrayList<>();
        double lambda = threshold;
        Optional<ThresholdCv> cv = Optional.empty();
        if (selection == ThresholdSelection.CROSS_VALIDATED) {
            List<FamilyStates> folds = training.stream().filter(f -> f.distinctSizes() >= minLofoSizes).toList();
            if (folds.size() < 2) {
                notes.add("cross-validation of the threshold needs >= 2 families with >= " + minLofoSizes
                        + " distinct sizes, found " + folds.size() + "; the configured threshold " + threshold
                        + " was used");
            } else {
                ThresholdCv t = crossValidate(training, folds);
                cv = Optional.of(t);
                lambda = t.chosen();
            }
        }
        return fitWith(training, scored, lambda, cv, notes);
    }

    private SindyFit fitWith(List<FamilyStates> training, CompositeScores.Result scored, double lambda,
                             Optional<ThresholdCv> cv, List<String> extraNotes) {
        PolynomialLibrary lib = PolynomialLibrary.ofOrder(order);
        List<FamilyStates.DerivativeSample> samples = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<SkippedFamily> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (FamilyStates f : training) {
            if (f.distinctSizes() < 2) {
                skipped.add(new SkippedFamily(f.family(), f.distinctSizes(), "only " + f.distinctSizes()
                        + " distinct size" + (f.distinctSizes() == 1 ? " (" + f.sizes().get(0).paramsB() + "B)" : "")
                        + ": no finite difference"));
                continue;
            }
            used.add(f.family());
            samples.addAll(f.derivativeSamples());
            notes.addAll(f.notes());
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no family has >= 2 distinct sizes with both scores (" + scores.reasoning()
                    + ", " + scores.truth() + "); families: " + training.stream().map(f -> f.family() + " ("
                    + f.distinctSizes() + ")").toList());
        }
        double[][] theta = new double[samples.size()][];
        double[] yR = new double[samples.size()];
        double[] yT = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            FamilyStates.DerivativeSample s = samples.get(i);
            theta[i] = lib.evaluate(s.r(), s.t());
            yR[i] = s.dR();
            yT[i] = s.dT();
        }
        Stlsq st = Stlsq.withDefaults().withThreshold(lambda).withRidge(ridge).withMaxIterations(maxIterations);
        Stlsq.Result eqR;
        Stlsq.Result eqT;
        try {
            eqR = st.fit(lib, theta, yR);
            eqT = st.fit(lib, theta, yT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (families " + used + ")", e);
        }
        eqR.notes().forEach(n -> notes.add("dR/dx: " + n));
        eqT.notes().forEach(n -> notes.add("dT/dx: " + n));
        notes.addAll(extraNotes);
        PolynomialField field = PolynomialField.of(lib, eqR.vector(), eqT.vector());
        List<CompositeScores.Scored> states = scored.scored().stream()
                .filter(s -> used.contains(s.model().family())).toList();
        return new SindyFit(settings(), lambda, cv, field, eqR, eqT, used, samples, states, scored.excluded(),
                skipped, notes);
    }

    private ThresholdCv crossValidate(List<FamilyStates> training, List<FamilyStates> folds) {
        List<ThresholdCv.Row> rows = new ArrayList<>();
        for (double lambda : grid) {
            int failed = 0;
            double sum = 0;
            int n = 0;
            for (FamilyStates fold : folds) {
                checkInterrupted();
                List<FamilyStates> rest = training.stream().filter(f -> f != fold).toList();
                OptionalDouble sc = foldScore(rest, fold, lambda);
                if (sc.isPresent()) {
                    sum += sc.getAsDouble();
                    n++;
                } else {
                    failed++;
                }
            }
            rows.add(new ThresholdCv.Row(lambda, failed, n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n)));
            progress.progress("threshold cross-validation", rows.size(), grid.size());
        }
        ThresholdCv.Row best = rows.stream().min(Comparator.comparingInt(ThresholdCv.Row::failedFolds)
                .thenComparingDouble(r -> r.meanScore().orElse(Double.POSITIVE_INFINITY))
                .thenComparing(Comparator.comparingDouble(ThresholdCv.Row::lambda).reversed())).orElseThrow();
        return new ThresholdCv(cvScore, folds.stream().map(FamilyStates::family).toList(), rows, best.lambda());
    }

    private OptionalDouble foldScore(List<FamilyStates> rest, FamilyStates fold, double lambda) {
        SindyFit fit;
        try {
            fit = fitWith(rest, new CompositeScores.Result(scores.reasoning(), scores.truth(), List.of(), List.of()),
                    lambda, Optional.empty(), List.of());
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
        if (cvScore == CvScore.DERIVATIVE_MAPE) {
            double sum = 0;
            int n = 0;
            for (FamilyStates.DerivativeSample s : fold.derivativeSamples()) {
                double[] f = fit.field().rate(s.r(), s.t());
                if (Math.abs(s.dR()) >= 1e-12) {
                    sum += 100 * Math.abs(f[0] - s.dR()) / Math.abs(s.dR());
                    n++;
                }
                if (Math.abs(s.dT()) >= 1e-12) {
                    sum += 100 * Math.abs(f[1] - s.dT()) / Math.abs(s.dT());
                    n++;
                }
            }
            return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
        }
        FamilyStates.SizeState start = fold.sizes().get(0);
        double[] targets = fold.sizes().stream().skip(1).mapToDouble(FamilyStates.SizeState::x).toArray();
        Trajectory tr = integrator.integrate(fit.field(), start.x(), start.r(), start.t(), targets);
        if (!tr.reachedAll()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < targets.length; k++) {
            FamilyStates.SizeState obs = fold.sizes().get(k + 1);
            Trajectory.Point pt = tr.points().get(k);
            for (OptionalDouble e : List.of(ape(pt.r(), obs.r()), ape(pt.t(), obs.t()))) {
                if (e.isPresent()) {
                    sum += e.getAsDouble();
                    n++;
                }
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Holds out {@link #DEFAULT_HELD_OUT} (Llama-2). */
    public HoldOutPrediction holdOut(Dataset data) {
        return holdOut(data, DEFAULT_HELD_OUT);
    }

    /**
     * Fits on every family except {@code family} and predicts it from its smallest size.
     *
     * @throws IllegalArgumentException when the family is absent, has fewer than 2 distinct sizes with both scores,
     *                                  or the field cannot be fitted on the other families
     */
    public HoldOutPrediction holdOut(Dataset data, String family) {
        Objects.requireNonNull(family, "family");
        Prepared p = prepare(data);
        FamilyStates held = p.families().stream().filter(f -> f.family().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(missingFamily(data, p, family)));
        if (held.distinctSizes() < 2) {
            throw new IllegalArgumentException("held-out family " + family + " has " + held.distinctSizes()
                    + " distinct size(s) with both scores; a prediction needs >= 2");
        }
        List<FamilyStates> rest = p.families().stream().filter(f -> f != held).toList();
        SindyFit fit = fitFamilies(rest, p.scored());
        return predict(fit, held, modelsOf(p, family));
    }

    private static String missingFamily(Dataset data, Prepared p, String family) {
        boolean inData = data.models().stream().anyMatch(m -> m.family().equals(family));
        if (inData) {
            List<String> why = p.scored().excluded().stream().filter(e -> e.family().equals(family))
                    .map(e -> e.model() + ": " + e.reason()).toList();
            return "held-out family " + family + " has no model with all selected benchmarks: " + why;
        }
        return "held-out family not in the data: " + family + "; families: "
                + data.byFamily().keySet();
    }

    private static List<CompositeScores.Scored> modelsOf(Prepared p, String family) {
        return p.scored().scored().stream().filter(s -> s.model().family().equals(family)).toList();
    }

    private HoldOutPrediction predict(SindyFit fit, FamilyStates held, List<CompositeScores.Scored> models) {
        List<String> notes = new ArrayList<>(held.notes());
        FamilyStates.SizeState start = held.sizes().get(0);
        double[] targets = held.sizes().stream().skip(1).mapToDouble(FamilyStates.SizeState::x).toArray();
        Trajectory tr = integrator.integrate(fit.field(), start.x(), start.r(), start.t(), targets);
        List<ModelPrediction> rows = new ArrayList<>();
        List<CompositeScores.Scored> sorted = new ArrayList<>(models);
        sorted.sort(Comparator.comparingDouble((CompositeScores.Scored s) -> s.model().paramsB())
                .thenComparing(s -> s.model().model()));
        double sumR = 0;
        double sumT = 0;
        int nR = 0;
        int nT = 0;
        for (CompositeScores.Scored s : sorted) {
            int k = indexOf(held, s.model().paramsB());
            double x = s.x();
            if (k == 0) {
                rows.add(new ModelPrediction(s.model().model(), s.model().paramsB(), x, s.r(), s.t(),
                        OptionalDouble.of(start.r()), OptionalDouble.of(start.t()), OptionalDouble.empty(),
                        OptionalDouble.empty(), ModelPrediction.Status.INITIAL_STATE));
                continue;
            }
            if (k - 1 >= tr.points().size()) {
                rows.add(new ModelPrediction(s.model().model(), s.model().paramsB(), x, s.r(), s.t(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        ModelPrediction.Status.NOT_REACHED));
                continue;
            }
            Trajectory.Point pt = tr.points().get(k - 1);
            OptionalDouble apeR = ape(pt.r(), s.r());
            OptionalDouble apeT = ape(pt.t(), s.t());
            if (apeR.isEmpty()) {
                notes.add(s.model().model() + ": observed R is 0, percentage error undefined");
            } else {
                sumR += apeR.getAsDouble();
                nR++;
            }
            if (apeT.isEmpty()) {
                notes.add(s.model().model() + ": observed T is 0, percentage error undefined");
            } else {
                sumT += apeT.getAsDouble();
                nT++;
            }
            rows.add(new ModelPrediction(s.model().model(), s.model().paramsB(), x, s.r(), s.t(),
                    OptionalDouble.of(pt.r()), OptionalDouble.of(pt.t()), apeR, apeT,
                    pt.inBox() ? ModelPrediction.Status.PREDICTED : ModelPrediction.Status.OUTSIDE_BOX));
        }
        HoldOutStatus status;
        String message;
        if (tr.reachedAll()) {
            status = HoldOutStatus.COMPLETE;
            message = String.format(Locale.ROOT, "%s: %d larger size(s) predicted from %.4gB; %s", held.family(),
                    targets.length, start.paramsB(), tr.message());
        } else {
            status = tr.points().isEmpty() ? HoldOutStatus.NOT_REACHED : HoldOutStatus.PARTIAL;
            message = String.format(Locale.ROOT, "%s: %d of %d larger size(s) predicted; %s", held.family(),
                    tr.points().size(), targets.length, tr.message());
        }
        return new HoldOutPrediction(held.family(), status, message, fit, start, tr, rows,
                nR == 0 ? OptionalDouble.empty() : OptionalDouble.of(sumR / nR),
                nT == 0 ? OptionalDouble.empty() : OptionalDouble.of(sumT / nT),
                nR + nT == 0 ? OptionalDouble.empty() : OptionalDouble.of((sumR + sumT) / (nR + nT)), notes);
    }

    private static int indexOf(FamilyStates f, double paramsB) {
        for (int k = 0; k < f.sizes().size(); k++) {
            if (f.sizes().get(k).paramsB() == paramsB) {
                return k;
            }
        }
        throw new IllegalStateException("size " + paramsB + " not among the states of " + f.family());
    }

    private static OptionalDouble ape(double pred, double obs) {
        return obs == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * Math.abs(pred - obs) / Math.abs(obs));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Holds out each family with at least {@code minLofoSizes} distinct sizes in turn. */
    public LofoTable leaveOneFamilyOut(Dataset data) {
        Prepared p = prepare(data);
        List<FamilyStates> held = new ArrayList<>();
        List<SkippedFamily> skipped = new ArrayList<>();
        for (FamilyStates f : p.families()) {
            if (f.distinctSizes() < minLofoSizes) {
                skipped.add(new SkippedFamily(f.family(), f.distinctSizes(), f.distinctSizes()
                        + " distinct size(s) with both scores; holding out needs >= " + minLofoSizes));
            } else {
                held.add(f);
            }
        }
        // folds are independent and nothing here is random, so they run in parallel with the same result;
        // the caller's interrupt is checked before each fold
        Thread caller = Thread.currentThread();
        AtomicInteger done = new AtomicInteger();
        LofoTable.Row[] rows = new LofoTable.Row[held.size()];
        IntStream.range(0, held.size()).parallel().forEach(k -> {
            if (caller.isInterrupted()) {
                return;
            }
            rows[k] = lofoRow(p, held.get(k));
            synchronized (done) { // counts reach the listener in increasing order
                progress.progress("leave-one-family-out", done.incrementAndGet(), held.size());
            }
        });
        checkInterrupted();
        List<LofoTable.Row> all = List.of(rows);
        List<LofoTable.Row> complete = all.stream().filter(r -> r.status() == HoldOutStatus.COMPLETE).toList();
        return new LofoTable(settings(), all, skipped, mean(complete, LofoTable.Row::mapeR),
                mean(complete, LofoTable.Row::mapeT), mean(complete, LofoTable.Row::mapeCombined), complete.size());
    }

    private LofoTable.Row lofoRow(Prepared p, FamilyStates held) {
        List<FamilyStates> rest = p.families().stream().filter(f -> f != held).toList();
        try {
            SindyFit fit = fitFamilies(rest, p.scored());
            HoldOutPrediction pred = predict(fit, held, modelsOf(p, held.family()));
            return new LofoTable.Row(held.family(), held.distinctSizes(), pred.status(), pred.message(),
                    Optional.of(pred));
        } catch (IllegalArgumentException e) {
            return new LofoTable.Row(held.family(), held.distinctSizes(), HoldOutStatus.FIT_FAILED,
                    "fit without " + held.family() + " failed: " + e.getMessage(), Optional.empty());
        }
    }

    private static OptionalDouble mean(List<LofoTable.Row> rows,
                                       java.util.function.Function<LofoTable.Row, OptionalDouble> f) {
        return rows.stream().map(f).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .average();
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("SINDy computation interrupted");
        }
    }
}
