package io.sparkact.layers.params;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Slicing of a layer's flattened parameter (or gradient) view into the views of single parameters. */
final class ParamViews {

    private ParamViews() {
    }

    /**
     * The entries {@code [from, to)} of a layer's flattened view as a {@code [1, to - from]} view.
     * The view may arrive as {@code [1, n]} (M2) or rank 1 (M2.1, STACK.md), so it is reshaped to a
     * row first; both reshapes of a contiguous vector are views, so writes reach the flattened array.
     */
    static INDArray slice(INDArray view, long expectedLength, long from, long to) {
        if (view == null || view.length() != expectedLength) {
            throw new IllegalStateException("Expected a parameter view of length " + expectedLength + ", got "
                    + (view == null ? "none" : Long.toString(view.length())));
        }
        INDArray row = view.rank() == 2 ? view : view.reshape(1, view.length());
        return row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }
}
