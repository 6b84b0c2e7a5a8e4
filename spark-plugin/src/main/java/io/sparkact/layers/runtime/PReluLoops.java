package io.sparkact.layers.runtime;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PReLU's forward and backward as single passes over dense [rows, units] arrays ({@link RowMajor}), in the
 * array's own precision; float arrays in row blocks on ND4J's threads ({@link RowMajor#overRows}), dL/dα summed
 * per block and the blocks added in row order (the same result whatever the thread timing). The ND4J-op form
 * (mask, slope, product: several full-size temporaries) moved the data
 * about five times per pass; these loops read each input once and write each output once (bench module,
 * BENCHMARKS.md). Same values: f = max(x, 0) + α·min(x, 0) is x for x &gt; 0 and α·x for x ≤ 0 exactly (one of
 * the terms is an exact zero); f′ = 1 for x &gt; 0, α for x ≤ 0 (kink to the negative side); dL/dα sums
 * ε·min(x, 0).
 */
final class PReluLoops {

    /** Chunks whose dL/dα terms are summed in float before the double sums: each float sum has 16 terms. */
    private static final int FLUSH = 16;

    private PReluLoops() {
    }

    /** out ← f(x). */
    static void forward(INDArray x, INDArray out, double[] alpha) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        if (x.dataType() == DataType.FLOAT) {
            float[] a = repeated(alpha, per);
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer o = new FloatPointer(RowMajor.address(out));
            // row blocks on ND4J's threads, as the element-wise activations and Dice run (one thread was 1.8x
            // relu forward, BENCHMARKS.md)
            RowMajor.overRows(rows, units, 0, (from, to) -> {
                FloatPointer bin = new FloatPointer(in);     // a pointer per block: position() is per pointer
                FloatPointer bout = new FloatPointer(o);
                float[] buf = new float[per * units];
                for (long r = from; r < to; r += per) {
                    int len = (int) Math.min(per, to - r) * units;
                    bin.position(r * units).get(buf, 0, len);
                    for (int i = 0; i < len; i++) {
                        float v = buf[i];
                        buf[i] = Math.max(v, 0f) + a[i] * Math.min(v, 0f);
                    }
                    bout.position(r * units).put(buf, 0, len);
                }
                return null;
            });
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
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(out);
    }

    /** dLdx ← f′(x)·ε; returns dL/dα per unit. */
    static double[] backward(INDArray x, INDArray eps, INDArray dLdx, double[] alpha) {
        long rows = x.size(0);
        int units = (int) x.size(1);
        int per = RowMajor.rowsPerChunk(units);
        double[] dAlpha = new double[units];
        if (x.dataType() == DataType.FLOAT) {
            float[] a = repeated(alpha, per);
            FloatPointer in = new FloatPointer(RowMajor.address(x));
            FloatPointer e = new FloatPointer(RowMajor.address(eps));
            FloatPointer d = new FloatPointer(RowMajor.address(dLdx));
            double[][] sums = RowMajor.overRows(rows, units, 1, (from, to) -> {
                double[] part = new double[units];
                FloatPointer bin = new FloatPointer(in);     // a pointer per block: position() is per pointer
                FloatPointer beps = new FloatPointer(e);
                FloatPointer bout = new FloatPointer(d);
                float[] xb = new float[per * units];
                float[] eb = new float[per * units];
                // acc[i] sums dL/dα terms of unit i % units over up to FLUSH chunks (FLUSH terms each, in float),
                // then goes into the double sums: the same index i as the data, so the loop vectorises
                float[] acc = new float[per * units];
                int pending = 0;
                for (long r = from; r < to; r += per) {
                    int len = (int) Math.min(per, to - r) * units;
                    bin.position(r * units).get(xb, 0, len);
                    beps.position(r * units).get(eb, 0, len);
                    for (int i = 0; i < len; i++) {
                        float v = xb[i];
                        float g = eb[i];
                        acc[i] += g * Math.min(v, 0f);
                        // branch-free: p + (1 - p) a is exactly 1 or a (a ?: kept the loop scalar)
                        float p = Math.min(Math.max(v * 0x1p100f * 0x1p100f, 0f), 1f);   // PointwiseActivation.step
                        xb[i] = (p + (1f - p) * a[i]) * g;
                    }
                    bout.position(r * units).put(xb, 0, len);
                    if (++pending == FLUSH) {
                        flush(acc, part);
                        pending = 0;
                    }
                }
                flush(acc, part);
                return new double[][] {part};
            });
            System.arraycopy(sums[0], 0, dAlpha, 0, units);
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
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(eps);
        Reference.reachabilityFence(dLdx);
        return dAlpha;
    }

    /**
     * α as floats repeated for {@code rows} rows: the float loops index α with the data's own flat index. With
     * α[u] beside buf[b + u] (two different invariant offsets) C2 left the loops scalar: 12 ms forward and
     * ~80 ms forward+backward on 4M floats (BENCHMARKS.md), where Java's float min/max branch on the data.
     */
    private static float[] repeated(double[] alpha, int rows) {
        float[] f = new float[rows * alpha.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) alpha[i % alpha.length];
        }
        return f;
    }

    /** dAlpha[u] += Σ over rows of acc, in double; acc ← 0. */
    private static void flush(float[] acc, double[] dAlpha) {
        int units = dAlpha.length;
        for (int i = 0; i < acc.length; i++) {
            dAlpha[i % units] += acc[i];
            acc[i] = 0f;
        }
    }
}
