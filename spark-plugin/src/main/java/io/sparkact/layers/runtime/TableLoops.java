package io.sparkact.layers.runtime;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The gather (forward) and scatter-add (backward) of {@link EmbeddingLookup} as plain Java loops over the native
 * buffers: no ND4J op per index, hence none of the process-wide libnd4j locks that serialise DL4J's
 * {@code Nd4j.scatterUpdate} across threads. The table and its gradient are 'f'-ordered {@code [vocabulary, dim]}
 * (DL4J's embedding layout): entry (r, c) at offset r + c·vocabulary. Rows of activations and epsilons are
 * dense row-major {@code [positions, dim]}. Float and double arrays; each in its own precision.
 */
final class TableLoops {

    private TableLoops() {
    }

    /** True when {@code a} is a dense row-major ('c', default strides) array of {@code type}. */
    static boolean denseC(INDArray a, DataType type) {
        return a.dataType() == type && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && !a.isEmpty();
    }

    /** True when {@code a} is a dense 'f'-ordered {@code [rows, cols]} array of {@code type} (the table). */
    static boolean denseF(INDArray a, DataType type) {
        long[] s = a.stride();
        return a.dataType() == type && a.rank() == 2 && (a.size(0) <= 1 || s[0] == 1)
                && (a.size(1) <= 1 || s[1] == a.size(0));
    }

    /** The values of a dense row-major float or double array as doubles (indices, masks: small arrays). */
    static double[] readDoubles(INDArray a) {
        int n = (int) a.length();
        double[] out = new double[n];
        if (a.dataType() == DataType.DOUBLE) {
            new DoublePointer(a.data().addressPointer()).get(out, 0, n);
        } else {
            float[] f = new float[n];
            new FloatPointer(a.data().addressPointer()).get(f, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        }
        Reference.reachabilityFence(a);
        return out;
    }

    /**
     * out[p, :] ← table[index[p], :]·(mask == null ? 1 : mask[p]) for every position p; {@code out} is dense
     * row-major [positions, dim].
     */
    static void gather(INDArray table, int[] index, double[] mask, INDArray out) {
        int vocab = (int) table.size(0);
        int dim = (int) table.size(1);
        if (table.dataType() == DataType.FLOAT) {
            FloatBuffer w = floats(table, (long) vocab * dim);
            float[] rows = new float[index.length * dim];
            for (int p = 0, o = 0; p < index.length; p++) {
                float m = mask == null ? 1f : (float) mask[p];
                for (int c = 0, at = index[p]; c < dim; c++, at += vocab) {
                    rows[o++] = w.get(at) * m;
                }
            }
            new FloatPointer(out.data().addressPointer()).put(rows, 0, rows.length);
        } else {
            DoubleBuffer w = doubles(table, (long) vocab * dim);
            double[] rows = new double[index.length * dim];
            for (int p = 0, o = 0; p < index.length; p++) {
                double m = mask == null ? 1.0 : mask[p];
                for (int c = 0, at = index[p]; c < dim; c++, at += vocab) {
                    rows[o++] = w.get(at) * m;
                }
            }
            new DoublePointer(out.data().addressPointer()).put(rows, 0, rows.length);
        }
        Reference.reachabilityFence(table);
        Reference.reachabilityFence(out);
    }

    /**
     * grad ← Σ_p e_p·(mask == null ? 1 : mask[p]) added into row index[p], over all positions p, starting from 0:
     * repeated indices accumulate. {@code epsilon} is dense row-major [positions, dim].
     */
    static void scatterAdd(INDArray epsilon, int[] index, double[] mask, INDArray grad) {
        int vocab = (int) grad.size(0);
        int dim = (int) grad.size(1);
        int n = vocab * dim;
        if (grad.dataType() == DataType.FLOAT) {
            float[] e = new float[index.length * dim];
            new FloatPointer(epsilon.data().addressPointer()).get(e, 0, e.length);
            FloatBuffer g = floats(grad, n);
            zero(g, n);
            for (int p = 0, i = 0; p < index.length; p++) {
                float m = mask == null ? 1f : (float) mask[p];
                for (int c = 0, at = index[p]; c < dim; c++, at += vocab) {
                    g.put(at, g.get(at) + e[i++] * m);
                }
            }
        } else {
            double[] e = new double[index.length * dim];
            new DoublePointer(epsilon.data().addressPointer()).get(e, 0, e.length);
            DoubleBuffer g = doubles(grad, n);
            for (int i = 0; i < n; i++) {
                g.put(i, 0.0);
            }
            for (int p = 0, i = 0; p < index.length; p++) {
                double m = mask == null ? 1.0 : mask[p];
                for (int c = 0, at = index[p]; c < dim; c++, at += vocab) {
                    g.put(at, g.get(at) + e[i++] * m);
                }
            }
        }
        Reference.reachabilityFence(epsilon);
        Reference.reachabilityFence(grad);
    }

    /** Zeroes the first n floats in bulk copies (a direct buffer has no fill). */
    private static void zero(FloatBuffer g, int n) {
        float[] zeros = new float[Math.min(n, 1 << 14)];
        for (int at = 0; at < n; at += zeros.length) {
            g.put(at, zeros, 0, Math.min(zeros.length, n - at));
        }
    }

    static FloatBuffer floats(INDArray a, long n) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(0).limit(n).capacity(n).asBuffer();
    }

    static DoubleBuffer doubles(INDArray a, long n) {
        DoublePointer p = new DoublePointer(a.data().addressPointer());
        return p.position(0).limit(n).capacity(n).asBuffer();
    }
}
