package dev.cape.analysis.phase;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.List;

/**
 * Re-runs the phase selection of several families for new truthfulness scores (a permutation), fast: the kernel
 * weights at the models' own scales and the centred reasoning scores do not depend on T and are computed once.
 *
 * <p>For family f and model i: c(x_i) = Σ_j w_ij (R_j − R̄_i) T_j / sqrt(Σ_j w_ij (R_j − R̄_i)² · Var_w,i(T)), the
 * same value {@link KernelCoupling#statistic} gives, up to rounding. Not thread-safe: one instance per worker.
 */
public final class PhaseSelector {

    private final double[][][] weights; // [family][i][j]
    private final double[][] weightSum; // [family][i]
    private final double[][][] centredR; // [family][i][j] = R_j − R̄_w(x_i)
    private final double[][] varR; // [family][i]
    private final Phase target;
    private final double tau;

    public PhaseSelector(List<FamilyScores> families, KernelCoupling coupling, Phase target, double tau) {
        this.target = target;
        this.tau = Phase.checkTau(tau);
        int nf = families.size();
        weights = new double[nf][][];
        weightSum = new double[nf][];
        centredR = new double[nf][][];
        varR = new double[nf][];
        double inv2h2 = 1 / (2 * coupling.bandwidth() * coupling.bandwidth());
        for (int f = 0; f < nf; f++) {
            FamilyScores fam = families.get(f);
            double[] x = fam.log10Params();
            double[] r = fam.reasoning();
            int n = x.length;
            weights[f] = new double[n][n];
            weightSum[f] = new double[n];
            centredR[f] = new double[n][n];
            varR[f] = new double[n];
            for (int i = 0; i < n; i++) {
                double sw = 0;
                double sr = 0;
                for (int j = 0; j < n; j++) {
                    double d = x[j] - x[i];
                    double w = Math.exp(-d * d * inv2h2);
                    weights[f][i][j] = w;
                    sw += w;
                    sr += w * r[j];
                }
                double mr = sr / sw;
                double v = 0;
                for (int j = 0; j < n; j++) {
                    centredR[f][i][j] = r[j] - mr;
                    v += weights[f][i][j] * centredR[f][i][j] * centredR[f][i][j];
                }
                weightSum[f][i] = sw;
                varR[f][i] = v;
            }
        }
    }

    /** Indices of family f's models in the target phase for truthfulness scores t (a fresh array). */
    public int[] select(int f, double[] t) {
        double[] c = new double[t.length];
        couplings(f, t, c);
        return select(c, t.length, target, tau);
    }

    /** c(x_i) of every model i of family f for truthfulness scores t, written to out (NaN where undefined). */
    public void couplings(int f, double[] t, double[] out) {
        int n = t.length;
        for (int i = 0; i < n; i++) {
            double[] w = weights[f][i];
            double[] rc = centredR[f][i];
            double st = 0;
            double stt = 0;
            double crt = 0;
            for (int j = 0; j < n; j++) {
                double wt = w[j] * t[j];
                st += wt;
                stt += wt * t[j];
                crt += rc[j] * wt;
            }
            double sw = weightSum[f][i];
            double varT = stt - st * st / sw;
            out[i] = varR[f][i] <= 1e-24 * sw || varT <= 1e-24 * sw ? Double.NaN : crt / Math.sqrt(varR[f][i] * varT);
        }
    }

    /** Indices among the first n couplings whose phase (threshold tau) is the target. */
    public static int[] select(double[] c, int n, Phase target, double tau) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Phase.of(c[i], tau) == target) {
                m++;
            }
        }
        int[] idx = new int[m];
        m = 0;
        for (int i = 0; i < n; i++) {
            if (Phase.of(c[i], tau) == target) {
                idx[m++] = i;
            }
        }
        return idx;
    }
}
