package dev.cape.inference.direction;

/** Solves a symmetric positive definite system from its lower triangle by Cholesky decomposition. */
final class Cholesky {

    private Cholesky() {
    }

    /** Solves {@code A x = b} where {@code a[i][j]} for {@code j <= i} holds A's lower triangle; {@code a} is overwritten. */
    static double[] solveLowerStored(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= a[j][k] * a[j][k];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite at pivot " + j + ": " + s);
            }
            double l = Math.sqrt(s);
            a[j][j] = l;
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                double[] ai = a[i];
                double[] aj = a[j];
                for (int k = 0; k < j; k++) {
                    t -= ai[k] * aj[k];
                }
                ai[j] = t / l;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double t = b[i];
            for (int k = 0; k < i; k++) {
                t -= a[i][k] * z[k];
            }
            z[i] = t / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double t = z[i];
            for (int k = i + 1; k < n; k++) {
                t -= a[k][i] * x[k];
            }
            x[i] = t / a[i][i];
        }
        return x;
    }
}
