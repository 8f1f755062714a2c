package dev.cape.app.workflow;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.PhaseDiagnosis;
import dev.cape.analysis.frontier.FrontierCorrelation;
import dev.cape.analysis.frontier.FrontierTable;
import dev.cape.analysis.ode.CompositeScores;
import dev.cape.analysis.ode.Eigenstructure;
import dev.cape.analysis.ode.FamilyStates;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.Sindy;
import dev.cape.analysis.ode.SindyFit;
import dev.cape.analysis.ode.Trajectory;
import dev.cape.analysis.ode.TrajectoryIntegrator;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the workbench charts show, computed by the analysis module: the phase diagnosis, the SINDy field with
 * its eigenstructure, fitted trajectories and held-out prediction, and the frontier correlation.
 *
 * <p>A {@link Stage#QUICK} run caps the resampling ({@link #QUICK_PERMUTATIONS} permutations,
 * {@link #QUICK_BOOTSTRAP} resamples for the mean N_c, {@link #QUICK_FAMILY_BOOTSTRAP} per family) so charts update
 * at once; the {@link Stage#FULL} run uses the settings as given. Coupling curves, phases and N_c are the same in
 * both; p-values and intervals of a quick run are provisional. The SINDy part depends only on the data and the
 * composites, the frontier part only on the seed: both are kept from the previous run when those are unchanged.
 */
public final class WorkbenchAnalysis {

    /** Permutations of the quick pass. */
    public static final int QUICK_PERMUTATIONS = 200;
    /** Bootstrap resamples over families of the quick pass. */
    public static final int QUICK_BOOTSTRAP = 1000;
    /** Bootstrap resamples per family of the quick pass. */
    public static final int QUICK_FAMILY_BOOTSTRAP = 200;

    /** Which pass a result comes from. */
    public enum Stage { QUICK, FULL }

    /**
     * The ODE part: field, eigenstructure at the observed states, each training family's trajectory from its
     * smallest size through its observed sizes, and the held-out family's prediction when it is in the data.
     */
    public record Ode(SindyFit fit, Eigenstructure.Result eigen, List<FamilyTrajectory> trajectories,
                      Optional<HoldOutPrediction> holdOut, List<String> notes) {
    }

    /** One family's observed states and the fitted field integrated from its smallest size. */
    public record FamilyTrajectory(FamilyStates states, Trajectory fitted) {
    }

    /** The frontier table and its correlation. */
    public record Frontier(FrontierTable table, FrontierCorrelation.Result correlation) {
    }

    /**
     * @param diagnosis the phase diagnosis
     * @param ode       the SINDy part, empty when the field cannot be fitted (reason in {@code notes})
     * @param frontier  the frontier part
     * @param stage     quick or full
     * @param notes     why a part is missing
     */
    public record Result(DiagnosisResult diagnosis, Optional<Ode> ode, Frontier frontier, Stage stage,
                         List<String> notes) {
    }

    private record OdeKey(Dataset data, List<String> reasoning, String truth) {
    }

    private OdeKey odeKey;
    private Ode odeValue;
    private long frontierSeed;
    private Frontier frontierValue;

    /** The options of a pass: the quick pass caps permutations and bootstrap resamples. */
    public static DiagnosisOptions optionsFor(DiagnosisOptions options, Stage stage) {
        if (stage == Stage.FULL) {
            return options;
        }
        return options.withPermutations(Math.min(options.permutations(), QUICK_PERMUTATIONS))
                .withBootstrap(Math.min(options.bootstrap(), QUICK_BOOTSTRAP))
                .withFamilyBootstrap(Math.min(options.familyBootstrap(), QUICK_FAMILY_BOOTSTRAP));
    }

    /** Runs one pass; stops with {@link java.util.concurrent.CancellationException} when interrupted. */
    public Result run(Dataset data, DiagnosisOptions options, Stage stage, ProgressListener progress) {
        DiagnosisResult diagnosis = PhaseDiagnosis.with(optionsFor(options, stage)).run(data, progress);
        List<String> notes = new ArrayList<>();
        Optional<Ode> ode = Optional.empty();
        try {
            ode = Optional.of(cachedOde(data, options));
        } catch (IllegalArgumentException | IllegalStateException e) {
            notes.add("ODE phase portrait: " + e.getMessage());
        }
        return new Result(diagnosis, ode, cachedFrontier(options.seed(), stage), stage, List.copyOf(notes));
    }

    private synchronized Ode cachedOde(Dataset data, DiagnosisOptions options) {
        OdeKey key = new OdeKey(data, options.reasoning(), options.truth());
        if (!key.equals(odeKey)) {
            odeValue = ode(data, options);
            odeKey = key;
        }
        return odeValue;
    }

    private synchronized Frontier cachedFrontier(long seed, Stage stage) {
        if (frontierValue != null && frontierSeed == seed) {
            return frontierValue;
        }
        if (stage == Stage.QUICK) {
            return frontier(seed, stage);
        }
        frontierValue = frontier(seed, stage);
        frontierSeed = seed;
        return frontierValue;
    }

    /** The SINDy field on the data with the options' composites, with everything the phase portrait draws. */
    public static Ode ode(Dataset data, DiagnosisOptions options) {
        CompositeScores scores = CompositeScores.withDefaults().withReasoning(options.reasoning())
                .withTruth(options.truth());
        Sindy sindy = Sindy.withDefaults().withScores(scores);
        SindyFit fit = sindy.fit(data);
        Eigenstructure.Result eigen = Eigenstructure.withDefaults().analyse(fit);
        TrajectoryIntegrator integrator = TrajectoryIntegrator.withDefaults();
        List<FamilyTrajectory> trajectories = new ArrayList<>();
        for (FamilyStates f : FamilyStates.of(fit.states())) {
            if (f.sizes().size() < 2) {
                continue;
            }
            FamilyStates.SizeState start = f.sizes().get(0);
            double[] targets = f.sizes().stream().skip(1).mapToDouble(FamilyStates.SizeState::x).toArray();
            trajectories.add(new FamilyTrajectory(f,
                    integrator.integrate(fit.field(), start.x(), start.r(), start.t(), targets)));
        }
        List<String> notes = new ArrayList<>();
        Optional<HoldOutPrediction> holdOut = Optional.empty();
        try {
            holdOut = Optional.of(sindy.holdOut(data));
        } catch (IllegalArgumentException e) {
            notes.add("no held-out prediction: " + e.getMessage());
        }
        return new Ode(fit, eigen, trajectories, holdOut, notes);
    }

    /** The bundled frontier table and its correlation with the given seed; the quick pass resamples less. */
    public static Frontier frontier(long seed, Stage stage) {
        FrontierTable table = FrontierTable.readBundled();
        FrontierCorrelation c = FrontierCorrelation.withDefaults().withRandom(RandomStreams.of(seed));
        if (stage == Stage.QUICK) {
            c = c.withPermutations(QUICK_PERMUTATIONS).withBootstrap(QUICK_BOOTSTRAP);
        }
        return new Frontier(table, c.test(table));
    }
}
