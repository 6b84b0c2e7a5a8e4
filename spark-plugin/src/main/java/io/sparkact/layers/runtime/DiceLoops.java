package io.sparkact.layers.runtime;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dice's passes ({@link Dice}) fused into Java loops over dense row-major float [rows, units] arrays
 * ({@link RowMajor}). The ND4J-op form builds every intermediate (x̂, p, 1 − p, g·z, h, h·x̂, ...) as a full-size
 * array and runs a separate reduction for each statistic; here each pass reads its inputs once:
 * <ul>
 *   <li>statistics: one pass for the per-unit mean and biased variance;</li>
 *   <li>forward: x̂ written into the output array, ND4J's native sigmoid on it in place (a Java exp does not
 *       vectorise, see ExpActivation), then one pass f = z·(α + (1 − α)·p) in place;</li>
 *   <li>backward: x̂ into dL/dz, native sigmoid in place, one pass for the three per-unit sums (dL/dα, Σh, Σh·x̂),
 *       one pass for dL/dz.</li>
 * </ul>
 * Per-unit sums use the flat index of the data (accumulator i belongs to unit i % units), so the loops have one
 * index and C2 vectorises them (PReluLoops measured the loops scalar with a separate unit index); partial sums of
 * {@value #FLUSH} terms stay in float and are then added in double.
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
        FloatPointer in = new FloatPointer(RowMajor.address(x));
        float[] shift = new float[size];
        in.position(0).get(shift, 0, units);
        for (int i = units; i < size; i++) {
            shift[i] = shift[i - units];
        }
        float[] buf = new float[size];
        float[] acc1 = new float[size];
        float[] acc2 = new float[size];
        double[] sum1 = new double[units];
        double[] sum2 = new double[units];
        int pending = 0;
        for (long r = 0; r < rows; r += per) {
            int len = (int) Math.min(per, rows - r) * units;
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
        double[] mean = new double[units];
        double[] var = new double[units];
        for (int u = 0; u < units; u++) {
            double m1 = sum1[u] / rows;
            mean[u] = shift[u] + m1;
            var[u] = Math.max(0.0, sum2[u] / rows - m1 * m1);
        }
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

    /** out ← z·(α + (1 − α)·sigmoid((z − mean)·inv)); out is also the gate's temporary. */
    static void forward(INDArray x, INDArray out, double[] mean, double[] inv, double[] alpha) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        normalise(x, out, mean, inv);
        Nd4j.getExecutioner().exec(new Sigmoid(out, out));
        float[] a = repeated(alpha, per);
        float[] b = oneMinus(a);
        FloatPointer in = new FloatPointer(RowMajor.address(x));
        FloatPointer o = new FloatPointer(RowMajor.address(out));
        float[] zb = new float[per * units];
        float[] pb = new float[per * units];
        for (long r = 0; r < rows; r += per) {
            int len = (int) Math.min(per, rows - r) * units;
            in.position(r * units).get(zb, 0, len);
            o.position(r * units).get(pb, 0, len);
            for (int i = 0; i < len; i++) {
                pb[i] = zb[i] * (a[i] + b[i] * pb[i]);
            }
            o.position(r * units).put(pb, 0, len);
        }
    }

    /**
     * dLdx ← dL/dz for upstream g (formulas in {@link Dice#backward}); returns dL/dα per unit. {@code training}:
     * mean and inv are the batch's own and the gradient flows through them; else they are constants. dLdx is
     * also the gate's temporary.
     */
    static double[] backward(INDArray x, INDArray g, INDArray dLdx, double[] mean, double[] inv, double[] alpha,
            boolean training) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        int size = per * units;
        normalise(x, dLdx, mean, inv);
        Nd4j.getExecutioner().exec(new Sigmoid(dLdx, dLdx));
        float[] a = repeated(alpha, per);
        float[] b = oneMinus(a);
        float[] mu = repeated(mean, per);
        float[] is = repeated(inv, per);
        FloatPointer in = new FloatPointer(RowMajor.address(x));
        FloatPointer gp = new FloatPointer(RowMajor.address(g));
        FloatPointer d = new FloatPointer(RowMajor.address(dLdx));
        float[] zb = new float[size];
        float[] gb = new float[size];
        float[] pb = new float[size];

        // pass 1: dL/dα = Σ g·z·(1 − p), Σh and Σh·x̂ with h = g·(1 − α)·z·p·(1 − p)
        float[] accA = new float[size];
        float[] accH = new float[size];
        float[] accHX = new float[size];
        double[] dAlpha = new double[units];
        double[] sumH = new double[units];
        double[] sumHX = new double[units];
        int pending = 0;
        for (long r = 0; r < rows; r += per) {
            int len = (int) Math.min(per, rows - r) * units;
            in.position(r * units).get(zb, 0, len);
            gp.position(r * units).get(gb, 0, len);
            d.position(r * units).get(pb, 0, len);
            for (int i = 0; i < len; i++) {
                float gz = gb[i] * zb[i];
                float q = 1f - pb[i];
                float h = gz * b[i] * pb[i] * q;
                accA[i] += gz * q;
                accH[i] += h;
                accHX[i] += h * ((zb[i] - mu[i]) * is[i]);
            }
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
        if (!training) {
            // constant statistics: no term through the mean and variance
            java.util.Arrays.fill(sumH, 0.0);
            java.util.Arrays.fill(sumHX, 0.0);
        }
        for (int u = 0; u < units; u++) {
            sumH[u] /= rows;
            sumHX[u] /= rows;
        }
        float[] mh = repeated(sumH, per);
        float[] mhx = repeated(sumHX, per);

        // pass 2: dL/dz = g·(α + (1 − α)·p) + (h − mean(h) − x̂·mean(h·x̂))/s
        for (long r = 0; r < rows; r += per) {
            int len = (int) Math.min(per, rows - r) * units;
            in.position(r * units).get(zb, 0, len);
            gp.position(r * units).get(gb, 0, len);
            d.position(r * units).get(pb, 0, len);
            for (int i = 0; i < len; i++) {
                float p = pb[i];
                float h = gb[i] * zb[i] * b[i] * p * (1f - p);
                float xh = (zb[i] - mu[i]) * is[i];
                pb[i] = gb[i] * (a[i] + b[i] * p) + (h - mh[i] - xh * mhx[i]) * is[i];
            }
            d.position(r * units).put(pb, 0, len);
        }
        return dAlpha;
    }

    /** t ← (x − mean)·inv. */
    private static void normalise(INDArray x, INDArray t, double[] mean, double[] inv) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        float[] mu = repeated(mean, per);
        float[] is = repeated(inv, per);
        FloatPointer in = new FloatPointer(RowMajor.address(x));
        FloatPointer o = new FloatPointer(RowMajor.address(t));
        float[] buf = new float[per * units];
        for (long r = 0; r < rows; r += per) {
            int len = (int) Math.min(per, rows - r) * units;
            in.position(r * units).get(buf, 0, len);
            for (int i = 0; i < len; i++) {
                buf[i] = (buf[i] - mu[i]) * is[i];
            }
            o.position(r * units).put(buf, 0, len);
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
