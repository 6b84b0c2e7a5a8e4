package io.sparkact.layers.runtime;

import java.lang.ref.Reference;
import java.util.BitSet;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mini-batch aware L2 of {@link io.sparkact.layers.EmbeddingLookupLayer} (Zhou et al., KDD 2018, section 4.3.1):
 * for every row j of the table that occurs in the minibatch (at a position whose mask is not 0), the penalty
 * λ/(2·n_j)·|w_j|² and its gradient λ/n_j·w_j, with 1/n_j read from the layer's inverse counts. A row counts once
 * per minibatch however many positions hold it (the paper's α_mj), so over an epoch the pull on a row is about λ·w_j
 * whatever n_j. Loops over the native buffers, as {@link TableLoops}: the table and its gradient are 'f'-ordered
 * {@code [vocabulary, dim]}, the inverse counts a dense vector of the same precision.
 */
final class FrequencyL2 {

    private FrequencyL2() {
    }

    /** The distinct rows of the minibatch: indices at positions with no mask or a non-zero mask. */
    static BitSet present(int[] index, double[] mask, int vocabulary) {
        BitSet rows = new BitSet(vocabulary);
        for (int p = 0; p < index.length; p++) {
            if (mask == null || mask[p] != 0) {
                rows.set(index[p]);
            }
        }
        return rows;
    }

    /** grad[j, :] += scale·invCount[j]·table[j, :] for every present row j. */
    static void addGradient(INDArray table, INDArray invCount, int[] index, double[] mask, double scale, INDArray grad) {
        int vocab = (int) table.size(0);
        int dim = (int) table.size(1);
        BitSet rows = present(index, mask, vocab);
        var inv = inverse(invCount, vocab);
        if (table.dataType() == DataType.FLOAT) {
            var w = TableLoops.floats(table, (long) vocab * dim);
            var g = TableLoops.floats(grad, (long) vocab * dim);
            for (int j = rows.nextSetBit(0); j >= 0; j = rows.nextSetBit(j + 1)) {
                float k = (float) (scale * inv.applyAsDouble(j));
                for (int c = 0, at = j; c < dim; c++, at += vocab) {
                    g.put(at, g.get(at) + k * w.get(at));
                }
            }
        } else {
            var w = TableLoops.doubles(table, (long) vocab * dim);
            var g = TableLoops.doubles(grad, (long) vocab * dim);
            for (int j = rows.nextSetBit(0); j >= 0; j = rows.nextSetBit(j + 1)) {
                double k = scale * inv.applyAsDouble(j);
                for (int c = 0, at = j; c < dim; c++, at += vocab) {
                    g.put(at, g.get(at) + k * w.get(at));
                }
            }
        }
        Reference.reachabilityFence(table);
        Reference.reachabilityFence(invCount);
        Reference.reachabilityFence(grad);
    }

    /** Σ over present rows j of lambda·invCount[j]/2·|table[j, :]|². */
    static double score(INDArray table, INDArray invCount, int[] index, double[] mask, double lambda) {
        int vocab = (int) table.size(0);
        int dim = (int) table.size(1);
        BitSet rows = present(index, mask, vocab);
        var inv = inverse(invCount, vocab);
        boolean f = table.dataType() == DataType.FLOAT;
        var wf = f ? TableLoops.floats(table, (long) vocab * dim) : null;
        var wd = f ? null : TableLoops.doubles(table, (long) vocab * dim);
        double sum = 0;
        for (int j = rows.nextSetBit(0); j >= 0; j = rows.nextSetBit(j + 1)) {
            double sq = 0;
            for (int c = 0, at = j; c < dim; c++, at += vocab) {
                double x = f ? wf.get(at) : wd.get(at);
                sq += x * x;
            }
            sum += inv.applyAsDouble(j) * sq;
        }
        Reference.reachabilityFence(table);
        Reference.reachabilityFence(invCount);
        return 0.5 * lambda * sum;
    }

    /**
     * Reads 1 / n_j from the {@code [1, vocabulary]} parameter view in place: a copy of the whole vector per step would
     * cost O(vocabulary) where the penalty itself costs O(rows present).
     */
    private static IntToDoubleFunction inverse(INDArray invCount, int vocab) {
        if (invCount.length() != vocab || invCount.dataType() != DataType.FLOAT && invCount.dataType() != DataType.DOUBLE) {
            throw new IllegalStateException("inverse counts are " + invCount.dataType() + " with " + invCount.length()
                    + " entries; the table has " + vocab + " rows");
        }
        if (invCount.dataType() == DataType.FLOAT) {
            var b = TableLoops.floats(invCount, vocab);
            return j -> b.get(j);
        }
        var b = TableLoops.doubles(invCount, vocab);
        return b::get;
    }
}
