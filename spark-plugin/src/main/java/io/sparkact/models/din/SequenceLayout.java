package io.sparkact.models.din;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where things sit in the embedded categorical input {@code x = [b, T, dim]}, T = nCat + L·k: rows
 * {@code 0..nCat-1} are the fields, row {@code nCat + j·k + q} is id q of behaviour position j. Behaviour j's
 * embedding e_j is the concatenation of its k id embeddings (width D = k·dim), the candidate c the
 * concatenation of the embeddings of the k candidate fields. Immutable; the slicing helpers copy.
 */
final class SequenceLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    final int fields;
    final int length;
    final int[] candidates;

    SequenceLayout(int fields, int length, int[] candidates) {
        if (fields < 1 || length < 1 || candidates.length < 1) {
            throw new IllegalArgumentException("a behaviour sequence needs fields >= 1, length >= 1 and at least "
                    + "one candidate field; given fields=" + fields + ", length=" + length + ", candidates="
                    + Arrays.toString(candidates));
        }
        for (int p : candidates) {
            if (p < 0 || p >= fields) {
                throw new IllegalArgumentException("candidate field " + p + " is not one of the fields 0.."
                        + (fields - 1));
            }
        }
        this.fields = fields;
        this.length = length;
        this.candidates = candidates.clone();
    }

    /** k: ids per behaviour. */
    int k() {
        return candidates.length;
    }

    /** T: rows of the embedded input. */
    int rows() {
        return fields + length * candidates.length;
    }

    void checkInput(INDArray x, String vertex) {
        if (x.rank() != 3 || x.size(1) != rows()) {
            throw new IllegalStateException(vertex + " expects the embedded input [b, " + rows() + ", dim] (" + fields
                    + " fields + " + length + " positions x " + k() + " ids), got " + Arrays.toString(x.shape()));
        }
    }

    /** The behaviours {@code [b, L, D]} (a copy). */
    INDArray history(INDArray x) {
        long b = x.size(0);
        INDArray h = x.get(NDArrayIndex.all(), NDArrayIndex.interval(fields, rows()), NDArrayIndex.all());
        return h.dup('c').reshape('c', b, length, k() * x.size(2));
    }

    /** The candidates {@code [b, D]}. */
    INDArray candidate(INDArray x) {
        INDArray[] parts = new INDArray[k()];
        for (int q = 0; q < parts.length; q++) {
            parts[q] = x.get(NDArrayIndex.all(), NDArrayIndex.point(candidates[q]), NDArrayIndex.all());
        }
        return Nd4j.hstack(parts);
    }

    /** The fields flattened, {@code [b, nCat·dim]}. */
    INDArray fieldsFlat(INDArray x) {
        INDArray f = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, fields), NDArrayIndex.all());
        return f.dup('c').reshape('c', x.size(0), (long) fields * x.size(2));
    }

    /** Writes a gradient of the behaviours {@code [b, L, D]} into {@code dx}'s sequence rows. */
    void putHistory(INDArray dx, INDArray dh) {
        INDArray rowsView = dx.get(NDArrayIndex.all(), NDArrayIndex.interval(fields, rows()), NDArrayIndex.all());
        rowsView.assign(dh.reshape('c', dx.size(0), (long) length * k(), dx.size(2)));
    }

    /** Adds a gradient of the candidates {@code [b, D]} to {@code dx}'s candidate field rows. */
    void addCandidate(INDArray dx, INDArray dc) {
        long dim = dx.size(2);
        for (int q = 0; q < k(); q++) {
            dx.get(NDArrayIndex.all(), NDArrayIndex.point(candidates[q]), NDArrayIndex.all())
                    .addi(dc.get(NDArrayIndex.all(), NDArrayIndex.interval(q * dim, (q + 1) * dim)));
        }
    }

    /** Writes a gradient of the flattened fields {@code [b, nCat·dim]} into {@code dx}'s field rows. */
    void putFields(INDArray dx, INDArray dFields) {
        dx.get(NDArrayIndex.all(), NDArrayIndex.interval(0, fields), NDArrayIndex.all())
                .assign(dFields.reshape('c', dx.size(0), fields, dx.size(2)));
    }

    /**
     * The behaviour mask {@code [b, L]} from the input mask {@code [b, T]} (the mask of id 0 of each position;
     * the encoder masks a position's ids together); all ones when there is no mask.
     */
    INDArray positionMask(INDArray inputMask, INDArray x) {
        long b = x.size(0);
        if (inputMask == null) {
            return Nd4j.ones(x.dataType(), b, length);
        }
        if (inputMask.rank() != 2 || inputMask.size(0) != b || inputMask.size(1) != rows()) {
            throw new IllegalStateException("the mask of the embedded input must be [" + b + ", " + rows() + "], got "
                    + Arrays.toString(inputMask.shape()));
        }
        INDArray seq = inputMask.get(NDArrayIndex.all(), NDArrayIndex.interval(fields, rows()));
        return seq.dup('c').reshape('c', b, length, k()).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(0)).castTo(x.dataType()).dup('c');
    }
}
