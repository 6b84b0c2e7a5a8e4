package io.sparkact.layers.runtime;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PReLU's forward and backward as single passes over dense [rows, units] arrays ({@link RowMajor}), in the
 * array's own precision. The ND4J-op form (mask, slope, product: several full-size temporaries) moved the data
 * about five times per pass; these loops read each input once and write each output once (bench module,
 * BENCHMARKS.md). Same values: f = max(x, 0) + α·min(x, 0) is x for x &gt; 0 and α·x for x ≤ 0 exactly (one of
 * the terms is an exact zero); f′ = 1 for x &gt; 0, α for x ≤ 0 (kink to the negative side); dL/dα sums
 * ε·min(x, 0).
 */
final class PReluLoops {

    private PReluLoops() {
    }

    /** out ← f(x). */
    static void forward(INDArray x, INDArray out, double[] alpha) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        if (x.dataType() == DataType.FLOAT) {
            float[] a = toFloat(alpha);
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer o = new FloatPointer(RowMajor.address(out));
            float[] buf = new float[per * units];
            for (long r = 0; r < rows; r += per) {
                int len = (int) Math.min(per, rows - r) * units;
                in.position(r * units).get(buf, 0, len);
                for (int b = 0; b < len; b += units) {
                    for (int u = 0; u < units; u++) {
                        float v = buf[b + u];
                        buf[b + u] = Math.max(v, 0f) + a[u] * Math.min(v, 0f);
                    }
                }
                o.position(r * units).put(buf, 0, len);
            }
        } else {
            DoublePointer in = new DoublePointer(RowMajor.address(x));
            DoublePointer o = new DoublePointer(RowMajor.address(out));
            double[] buf = new double[per * units];
            for (long r = 0; r < rows; r += per) {
                int len = (int) Math.min(per, rows - r) * units;
                in.position(r * units).get(buf, 0, len);
                for (int b = 0; b < len; b += units) {
                    for (int u = 0; u < units; u++) {
                        double v = buf[b + u];
                        buf[b + u] = Math.max(v, 0.0) + alpha[u] * Math.min(v, 0.0);
                    }
                }
                o.position(r * units).put(buf, 0, len);
            }
        }
    }

    /** dLdx ← f′(x)·ε; returns dL/dα per unit. */
    static double[] backward(INDArray x, INDArray eps, INDArray dLdx, double[] alpha) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        double[] dAlpha = new double[units];
        if (x.dataType() == DataType.FLOAT) {
            float[] a = toFloat(alpha);
            float[] partial = new float[units];
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer e = new FloatPointer(RowMajor.address(eps));
            FloatPointer d = new FloatPointer(RowMajor.address(dLdx));
            float[] xb = new float[per * units];
            float[] eb = new float[per * units];
            for (long r = 0; r < rows; r += per) {
                int len = (int) Math.min(per, rows - r) * units;
                in.position(r * units).get(xb, 0, len);
                e.position(r * units).get(eb, 0, len);
                java.util.Arrays.fill(partial, 0f);
                for (int b = 0; b < len; b += units) {
                    for (int u = 0; u < units; u++) {
                        float v = xb[b + u];
                        float g = eb[b + u];
                        partial[u] += g * Math.min(v, 0f);
                        // branch-free (p + (1 - p) a is exactly 1 or a): a ?: here kept the loop scalar and
                        // mispredicted on random signs, ~80 ms per 4M-element backward pass (BENCHMARKS.md)
                        float p = Math.min(Math.max(v * 0x1p100f * 0x1p100f, 0f), 1f);   // PointwiseActivation.step
                        xb[b + u] = (p + (1f - p) * a[u]) * g;
                    }
                }
                for (int u = 0; u < units; u++) {
                    dAlpha[u] += partial[u]; // float sums over one chunk only, then double
                }
                d.position(r * units).put(xb, 0, len);
            }
        } else {
            DoublePointer in = new DoublePointer(RowMajor.address(x));
            DoublePointer e = new DoublePointer(RowMajor.address(eps));
            DoublePointer d = new DoublePointer(RowMajor.address(dLdx));
            double[] xb = new double[per * units];
            double[] eb = new double[per * units];
            for (long r = 0; r < rows; r += per) {
                int len = (int) Math.min(per, rows - r) * units;
                in.position(r * units).get(xb, 0, len);
                e.position(r * units).get(eb, 0, len);
                for (int b = 0; b < len; b += units) {
                    for (int u = 0; u < units; u++) {
                        double v = xb[b + u];
                        double g = eb[b + u];
                        dAlpha[u] += g * Math.min(v, 0.0);
                        xb[b + u] = v > 0.0 ? g : alpha[u] * g;
                    }
                }
                d.position(r * units).put(xb, 0, len);
            }
        }
        return dAlpha;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
