package io.sparkact.layers.runtime;

import io.sparkact.activations.Blocks;
import java.lang.ref.Reference;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dice's passes ({@link Dice}) fused into Java loops over dense row-major float [rows, units] arrays
 * ({@link RowMajor}). The ND4J-op form builds every intermediate (x̂, p, 1 − p, g·z, h, h·x̂, ...) as a full-size
 * array and runs a separate reduction for each statistic; here each pass reads its inputs once and no full-size
 * temporary is allocated:
 * <ul>
 *   <li>statistics: one pass for the per-unit mean and biased variance (training mode; in eval mode the running
 *       statistics are given);</li>
 *   <li>forward: one pass, gate p computed in Java ({@link Gate}) and f = z·(α + (1 − α)·p) written;</li>
 *   <li>backward: one pass for the three per-unit sums (dL/dα, Σh, Σh·x̂), one pass for dL/dz, each recomputing
 *       the gate from z (cheaper than writing p out and reading it back).</li>
 * </ul>
 * Per-unit sums use the flat index of the data (accumulator i belongs to unit i % units), so the loops have one
 * index and C2 vectorises them (PReluLoops measured the loops scalar with a separate unit index); partial sums of
 * {@value #FLUSH} terms stay in float and are then added in double. Each pass runs on row blocks in parallel
 * ({@link Blocks}: ND4J's thread count, large arrays only), as ND4J's own ops do.
 */
final class DiceLoops {

    /** Chunks summed in float per accumulator entry before the double sums (so {@value} terms per float sum). */
    private static final int FLUSH = 16;

    private DiceLoops() {
    }

    /**
     * {mean, biased variance} per unit of x. One pass of the shifted-data algorithm: sums of d = x − K and d² with
     * K the unit's first value, so E[d²] − E[d]² does not cancel catastrophically when |mean| ≫ std (K is within a
     * few standard deviations of the mean for any unit that is not degenerate).
     */
    static double[][] statistics(INDArray x) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        int size = per * units;
        float[] shift = new float[size];
        new FloatPointer(RowMajor.address(x)).get(shift, 0, units);
        for (int i = units; i < size; i++) {
            shift[i] = shift[i - units];
        }
        double[][] sums = RowMajor.overRows(rows, units, 2, (from, to) -> {
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            float[] buf = new float[size];
            float[] acc1 = new float[size];
            float[] acc2 = new float[size];
            double[] sum1 = new double[units];
            double[] sum2 = new double[units];
            int pending = 0;
            for (long r = from; r < to; r += per) {
                int len = (int) Math.min(per, to - r) * units;
                in.position(r * units).get(buf, 0, len);
                for (int i = 0; i < len; i++) {
                    float d = buf[i] - shift[i];
                    acc1[i] += d;
                    acc2[i] += d * d;
                }
                if (++pending == FLUSH) {
                    flush(acc1, sum1);
                    flush(acc2, sum2);
                    pending = 0;
                }
            }
            flush(acc1, sum1);
            flush(acc2, sum2);
            return new double[][] {sum1, sum2};
        });
        double[] mean = new double[units];
        double[] var = new double[units];
        for (int u = 0; u < units; u++) {
            double m1 = sums[0][u] / rows;
            mean[u] = shift[u] + m1;
            var[u] = Math.max(0.0, sums[1][u] / rows - m1 * m1);
        }
        Reference.reachabilityFence(x);
        return new double[][] {mean, var};
    }

    /** 1/sqrt(var + ε) per unit. */
    static double[] inverseScale(double[] var, double epsilon) {
        double[] inv = new double[var.length];
        for (int u = 0; u < var.length; u++) {
            inv[u] = 1.0 / Math.sqrt(var[u] + epsilon);
        }
        return inv;
    }

    /** out ← z·(α + (1 − α)·sigmoid((z − mean)·inv)). */
    static void forward(INDArray x, INDArray out, double[] mean, double[] inv, double[] alpha) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        float[] a = repeated(alpha, per);
        float[] b = oneMinus(a);
        RowMajor.overRows(rows, units, 0, (from, to) -> {
            Gate gate = new Gate(mean, inv, per);
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer o = new FloatPointer(RowMajor.address(out));
            float[] zb = new float[per * units];
            float[] pb = new float[per * units];
            for (long r = from; r < to; r += per) {
                int len = (int) Math.min(per, to - r) * units;
                in.position(r * units).get(zb, 0, len);
                gate.sigmoid(zb, pb, len);
                for (int i = 0; i < len; i++) {
                    pb[i] = zb[i] * (a[i] + b[i] * pb[i]);
                }
                o.position(r * units).put(pb, 0, len);
            }
            return null;
        });
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(out);
    }

    /**
     * dLdx ← dL/dz for upstream g (formulas in {@link Dice#backward}); returns dL/dα per unit. {@code training}:
     * mean and inv are the batch's own and the gradient flows through them; else they are constants.
     */
    static double[] backward(INDArray x, INDArray g, INDArray dLdx, double[] mean, double[] inv, double[] alpha,
            boolean training) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        int size = per * units;
        float[] a = repeated(alpha, per);
        float[] b = oneMinus(a);
        float[] is = repeated(inv, per);

        // pass 1: dL/dα = Σ g·z·(1 − p), Σh and Σh·x̂ with h = g·(1 − α)·z·p·(1 − p)
        double[][] sums = RowMajor.overRows(rows, units, 3, (from, to) -> {
            Gate gate = new Gate(mean, inv, per);
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer gp = new FloatPointer(RowMajor.address(g));
            float[] zb = new float[size];
            float[] gb = new float[size];
            float[] pb = new float[size];
            float[] accA = new float[size];
            float[] accH = new float[size];
            float[] accHX = new float[size];
            double[] dAlpha = new double[units];
            double[] sumH = new double[units];
            double[] sumHX = new double[units];
            int pending = 0;
            for (long r = from; r < to; r += per) {
                int len = (int) Math.min(per, to - r) * units;
                in.position(r * units).get(zb, 0, len);
                gp.position(r * units).get(gb, 0, len);
                gate.sigmoid(zb, pb, len);
                sums(zb, gb, pb, b, gate.mu, is, accA, accH, accHX, len);
                if (++pending == FLUSH) {
                    flush(accA, dAlpha);
                    flush(accH, sumH);
                    flush(accHX, sumHX);
                    pending = 0;
                }
            }
            flush(accA, dAlpha);
            flush(accH, sumH);
            flush(accHX, sumHX);
            return new double[][] {dAlpha, sumH, sumHX};
        });
        double[] meanH = new double[units];
        double[] meanHX = new double[units];
        if (training) {
            // else constant statistics: no term through the mean and variance
            for (int u = 0; u < units; u++) {
                meanH[u] = sums[1][u] / rows;
                meanHX[u] = sums[2][u] / rows;
            }
        }
        float[] mh = repeated(meanH, per);
        float[] mhx = repeated(meanHX, per);

        // pass 2: dL/dz = g·(α + (1 − α)·p) + (h − mean(h) − x̂·mean(h·x̂))/s, p recomputed (cheaper than storing)
        RowMajor.overRows(rows, units, 0, (from, to) -> {
            Gate gate = new Gate(mean, inv, per);
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer gp = new FloatPointer(RowMajor.address(g));
            FloatPointer d = new FloatPointer(RowMajor.address(dLdx));
            float[] zb = new float[size];
            float[] gb = new float[size];
            float[] pb = new float[size];
            float[] hb = new float[size];
            for (long r = from; r < to; r += per) {
                int len = (int) Math.min(per, to - r) * units;
                in.position(r * units).get(zb, 0, len);
                gp.position(r * units).get(gb, 0, len);
                gate.sigmoid(zb, pb, len);
                gradient(zb, gb, pb, a, b, gate.mu, is, mh, mhx, hb, len);
                d.position(r * units).put(pb, 0, len);
            }
            return null;
        });
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(g);
        Reference.reachabilityFence(dLdx);
        return sums[0];
    }

    /**
     * One chunk of backward pass 1: accA += g·z·(1 − p), accH += h, accHX += h·x̂ (gb is overwritten with h). Two
     * short loops in a method of their own rather than one long body, which can exceed C2's unroll limit and stay
     * scalar (ExpActivation); whether the split matters here was not measured separately.
     */
    private static void sums(float[] zb, float[] gb, float[] pb, float[] b, float[] mu, float[] is, float[] accA,
            float[] accH, float[] accHX, int len) {
        for (int i = 0; i < len; i++) {
            float gz = gb[i] * zb[i];
            float q = 1f - pb[i];
            accA[i] += gz * q;
            gb[i] = gz * b[i] * pb[i] * q;
        }
        for (int i = 0; i < len; i++) {
            float h = gb[i];
            accH[i] += h;
            accHX[i] += h * ((zb[i] - mu[i]) * is[i]);
        }
    }

    /**
     * One chunk of backward pass 2: pb ← dL/dz from z, g, p (zb and hb are overwritten). Three loops: with the first
     * two fused into one body the chunk took 3x as long (8.2 against 2.7 ms per 4M floats, measured in isolation):
     * C2 left it scalar.
     */
    private static void gradient(float[] zb, float[] gb, float[] pb, float[] a, float[] b, float[] mu, float[] is,
            float[] mh, float[] mhx, float[] hb, int len) {
        for (int i = 0; i < len; i++) {
            float p = pb[i];
            hb[i] = gb[i] * zb[i] * b[i] * p * (1f - p);
        }
        for (int i = 0; i < len; i++) {
            zb[i] = (hb[i] - mh[i] - (zb[i] - mu[i]) * is[i] * mhx[i]) * is[i];
        }
        for (int i = 0; i < len; i++) {
            pb[i] = gb[i] * (a[i] + b[i] * pb[i]) + zb[i];
        }
    }

    /**
     * The gate p = sigmoid((z − mean)·inv) in Java, so that it vectorises with the passes around it (ND4J's native
     * float sigmoid took ~11 ms on 4M floats here, against ~3 ms for a whole Java pass): sigmoid(y) =
     * 1/2 + tanh(y/2)/2, tanh by Eigen's 13/6-degree rational interpolant (coefficients from Eigen's
     * generic_fast_tanh_float, MathFunctionsImpl.h: accurate to a couple of float ulps on [−9, 9], ±1 outside).
     * So p is within 2.4e-7 of the logistic function (measured 1.65e-7, DiceFusedPathTest; values below 1.5e-8
     * become 0), a few float ulps of p near 1: the size of float rounding in f = z·(α + (1 − α)·p).
     */
    static final class Gate {
        private static final float A1 = 4.89352455891786e-03f;
        private static final float A3 = 6.37261928875436e-04f;
        private static final float A5 = 1.48572235717979e-05f;
        private static final float A7 = 5.12229709037114e-08f;
        private static final float A9 = -8.60467152213735e-11f;
        private static final float A11 = 2.00018790482477e-13f;
        private static final float A13 = -2.76076847742355e-16f;
        private static final float B0 = 4.89352518554385e-03f;
        private static final float B2 = 2.26843463243900e-03f;
        private static final float B4 = 1.18534705686654e-04f;
        private static final float B6 = 1.19825839466702e-06f;

        final float[] mu;
        private final float[] halfInv;
        private final float[] t;

        Gate(double[] mean, double[] inv, int rows) {
            mu = repeated(mean, rows);
            double[] half = new double[inv.length];
            for (int u = 0; u < inv.length; u++) {
                half[u] = 0.5 * inv[u];
            }
            halfInv = repeated(half, rows);
            t = new float[mu.length];
        }

        /** p[i] ← sigmoid((z[i] − mean)·inv) for i &lt; len; two loops, each short enough for C2 to vectorise. */
        void sigmoid(float[] z, float[] p, int len) {
            for (int i = 0; i < len; i++) {
                t[i] = Math.min(Math.max((z[i] - mu[i]) * halfInv[i], -9f), 9f);
            }
            for (int i = 0; i < len; i++) {
                float y = t[i];
                float y2 = y * y;
                float num = y * (A1 + y2 * (A3 + y2 * (A5 + y2 * (A7 + y2 * (A9 + y2 * (A11 + y2 * A13))))));
                float den = B0 + y2 * (B2 + y2 * (B4 + y2 * B6));
                // the interpolant overshoots |tanh| = 1 by an ulp near the clamp: keep p a probability
                p[i] = Math.min(Math.max(0.5f + 0.5f * (num / den), 0f), 1f);
            }
        }
    }

    /** Per-unit values as floats repeated for {@code rows} rows (indexed with the data's flat index). */
    private static float[] repeated(double[] perUnit, int rows) {
        float[] f = new float[rows * perUnit.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) perUnit[i % perUnit.length];
        }
        return f;
    }

    private static float[] oneMinus(float[] a) {
        float[] b = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = 1f - a[i];
        }
        return b;
    }

    /** sums[u] += Σ of acc over entries of unit u, in double; acc ← 0. */
    private static void flush(float[] acc, double[] sums) {
        int units = sums.length;
        for (int i = 0; i < acc.length; i++) {
            sums[i % units] += acc[i];
            acc[i] = 0f;
        }
    }
}
