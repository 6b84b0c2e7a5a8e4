package io.sparkact.layers;

/**
 * Independent plain-Java, double-precision Dice written in the test from the paper's formula (Zhou et al.,
 * KDD 2018, eq. 9): f = p·z + (1 − p)·α·z, p = 1 / (1 + exp(−(z − E[z]) / sqrt(Var[z] + ε))). Gradients
 * come from central finite differences of this forward function, never from the layer's derived backward.
 * Rows are observations (examples, or example-time steps), columns are units.
 */
final class DiceReference {

    private DiceReference() {
    }

    /** Per-column mean. */
    static double[] mean(double[][] z) {
        double[] m = new double[z[0].length];
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                m[j] += row[j] / z.length;
            }
        }
        return m;
    }

    /** Per-column biased variance (divide by the number of rows). */
    static double[] variance(double[][] z) {
        double[] m = mean(z);
        double[] v = new double[m.length];
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                v[j] += (row[j] - m[j]) * (row[j] - m[j]) / z.length;
            }
        }
        return v;
    }

    /** f with the given statistics (eval mode uses the running ones). */
    static double[][] forward(double[][] z, double[] alpha, double[] mean, double[] var, double eps) {
        double[][] f = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                double p = 1.0 / (1.0 + Math.exp(-(z[i][j] - mean[j]) / Math.sqrt(var[j] + eps)));
                f[i][j] = p * z[i][j] + (1 - p) * alpha[j] * z[i][j];
            }
        }
        return f;
    }

    /** f in training mode: the statistics are those of z itself. */
    static double[][] forwardTraining(double[][] z, double[] alpha, double eps) {
        return forward(z, alpha, mean(z), variance(z), eps);
    }

    /** L = Σ g·f, the scalar whose gradient a backward pass with epsilon g computes. */
    static double loss(double[][] z, double[] alpha, double[][] g, double[] mean, double[] var, double eps,
                       boolean training) {
        double[][] f = training ? forwardTraining(z, alpha, eps) : forward(z, alpha, mean, var, eps);
        double l = 0;
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < f[i].length; j++) {
                l += g[i][j] * f[i][j];
            }
        }
        return l;
    }

    /** dL/dz by central differences (step h); in training mode the statistics move with z. */
    static double[][] gradZ(double[][] z, double[] alpha, double[][] g, double[] mean, double[] var,
                            double eps, boolean training, double h) {
        double[][] d = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                double keep = z[i][j];
                z[i][j] = keep + h;
                double plus = loss(z, alpha, g, mean, var, eps, training);
                z[i][j] = keep - h;
                double minus = loss(z, alpha, g, mean, var, eps, training);
                z[i][j] = keep;
                d[i][j] = (plus - minus) / (2 * h);
            }
        }
        return d;
    }

    /** dL/dα by central differences (step h). */
    static double[] gradAlpha(double[][] z, double[] alpha, double[][] g, double[] mean, double[] var,
                              double eps, boolean training, double h) {
        double[] d = new double[alpha.length];
        for (int j = 0; j < alpha.length; j++) {
            double keep = alpha[j];
            alpha[j] = keep + h;
            double plus = loss(z, alpha, g, mean, var, eps, training);
            alpha[j] = keep - h;
            double minus = loss(z, alpha, g, mean, var, eps, training);
            alpha[j] = keep;
            d[j] = (plus - minus) / (2 * h);
        }
        return d;
    }

    /** Rows of a [batch, units, time] array given as x[b][u][t]: row b·T + t holds x[b][·][t]. */
    static double[][] rowsOf3d(double[][][] x) {
        int n = x.length;
        int u = x[0].length;
        int t = x[0][0].length;
        double[][] rows = new double[n * t][u];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < t; k++) {
                for (int j = 0; j < u; j++) {
                    rows[b * t + k][j] = x[b][j][k];
                }
            }
        }
        return rows;
    }
}
