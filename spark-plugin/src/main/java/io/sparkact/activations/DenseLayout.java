package io.sparkact.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether an array's elements occupy one gap-free run of its buffer, and in which order.
 *
 * <p>Dimensions of size 1 are ignored (their stride is meaningless, and ND4J gives row slices odd ones),
 * so an array with at most one dimension longer than 1 is dense in both orders ({@link #VECTOR}). Two
 * arrays of the same shape can be processed position by position in their buffers exactly when both are
 * dense with the same layout.
 */
enum DenseLayout {
    /** Gaps or a mixed order: must be copied before bulk access. */
    NONE,
    /** Row-major (last index fastest), not a vector. */
    C,
    /** Column-major (first index fastest), not a vector. */
    F,
    /** At most one dimension longer than 1, unit stride on it: both orders at once. */
    VECTOR;

    static DenseLayout of(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        int longDims = 0;
        for (long s : shape) {
            if (s > 1) {
                longDims++;
            }
        }
        boolean c = matches(shape, stride, true);
        boolean f = matches(shape, stride, false);
        if (longDims <= 1) {
            return c ? VECTOR : NONE;   // with one long dimension c and f agree: unit stride on it
        }
        return c ? C : f ? F : NONE;
    }

    /** True when the strides of the dimensions longer than 1 are those of a dense array in that order. */
    private static boolean matches(long[] shape, long[] stride, boolean rowMajor) {
        long expected = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = rowMajor ? shape.length - 1 - k : k;
            if (shape[d] > 1) {
                if (stride[d] != expected) {
                    return false;
                }
                expected *= shape[d];
            }
        }
        return true;
    }
}
