package io.sparkact.layers.runtime;

import io.sparkact.activations.Blocks;
import java.util.TreeMap;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Access to [rows, units] arrays laid out row by row without gaps, for the single-pass loops of the
 * per-unit layers: the buffer position of element (r, u) is r·units + u, so a loop over whole rows knows
 * each element's unit without a division. Arrays in any other layout (views with gaps, 'f' order, 3-D
 * input) take the layers' ND4J-op path instead.
 */
final class RowMajor {

    /** Elements moved between native memory and a Java array per bulk copy (about 16 KB of floats). */
    static final int CHUNK = 4096;

    private RowMajor() {
    }

    /** True when every array is a dense row-major [rows, units] matrix of {@code type}, float or double. */
    static boolean all(DataType type, INDArray... arrays) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.rank() != 2 || a.dataType() != type || a.isEmpty()) {
                return false;
            }
            long[] stride = a.stride();
            if ((a.size(1) > 1 && stride[1] != 1) || (a.size(0) > 1 && stride[0] != a.size(1))) {
                return false;
            }
        }
        return true;
    }

    /** The address of element (0, 0). */
    static Pointer address(INDArray a) {
        return a.data().addressPointer();
    }

    /** Whole rows per bulk copy: at least one. */
    static int rowsPerChunk(long units) {
        return (int) Math.max(1, CHUNK / units);
    }

    /** One pass over rows [from, to): per-unit double sums ({@code null} when the pass has none). */
    @FunctionalInterface
    interface RowPass {
        double[][] run(long from, long to);
    }

    /**
     * Runs {@code pass} over row blocks in parallel ({@link Blocks}' split of the elements, rounded to whole rows:
     * block [from, to) of elements takes rows ⌈from/units⌉ to ⌈to/units⌉, so the blocks tile the rows) and returns
     * the blocks' sums added in row order, so the result does not depend on thread timing.
     */
    static double[][] overRows(long rows, int units, int sums, RowPass pass) {
        TreeMap<Long, double[][]> parts = new TreeMap<>();
        Blocks.run(rows * units, (from, to) -> {
            long r0 = (from + units - 1) / units;
            long r1 = (to + units - 1) / units;
            if (r0 < r1) {
                double[][] part = pass.run(r0, r1);
                synchronized (parts) {
                    parts.put(r0, part);
                }
            }
        });
        double[][] total = new double[sums][units];
        for (double[][] part : parts.values()) {
            for (int k = 0; k < sums; k++) {
                for (int u = 0; u < units; u++) {
                    total[k][u] += part[k][u];
                }
            }
        }
        return total;
    }
}
