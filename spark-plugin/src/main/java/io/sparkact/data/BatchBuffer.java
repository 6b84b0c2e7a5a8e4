package io.sparkact.data;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encoded rows of one minibatch (or of a piece of one, when a minibatch spans two partitions), as plain
 * float arrays: cheap to serialize through a shuffle, turned into ND4J arrays only at the end.
 */
final class BatchBuffer implements Serializable {
    private static final long serialVersionUID = 1L;

    final long batchId;
    /** Position of this piece's first row within its minibatch. */
    final int offset;
    final int capacity;
    final int nCat;
    final int nNum;
    final float[] cat;
    final float[] num;
    final float[] lab;
    int rows;

    BatchBuffer(long batchId, int offset, int capacity, int nCat, int nNum) {
        this.batchId = batchId;
        this.offset = offset;
        this.capacity = capacity;
        this.nCat = nCat;
        this.nNum = nNum;
        this.cat = new float[capacity * nCat];
        this.num = new float[capacity * 2 * nNum];
        this.lab = new float[capacity];
    }

    boolean isFull() {
        return rows == capacity;
    }

    void add(FeatureEncoding enc, RowLayout layout, Row row) {
        enc.encodeInto(layout, row, cat, rows * nCat, num, rows * 2 * nNum, lab, rows);
        rows++;
    }

    /** A buffer holding the pieces' rows in minibatch order (pieces of one batch, in any order). */
    static BatchBuffer merge(List<BatchBuffer> pieces) {
        BatchBuffer first = pieces.get(0);
        int total = pieces.stream().mapToInt(p -> p.rows).sum();
        BatchBuffer out = new BatchBuffer(first.batchId, 0, total, first.nCat, first.nNum);
        for (BatchBuffer p : pieces) {
            System.arraycopy(p.cat, 0, out.cat, p.offset * p.nCat, p.rows * p.nCat);
            System.arraycopy(p.num, 0, out.num, p.offset * 2 * p.nNum, p.rows * 2 * p.nNum);
            System.arraycopy(p.lab, 0, out.lab, p.offset, p.rows);
        }
        out.rows = total;
        return out;
    }

    /** The minibatch in the documented layout (see {@link FeatureEncoding}). */
    MultiDataSet toMultiDataSet(boolean withLabels) {
        int b = rows;
        INDArray[] features = new INDArray[(nCat > 0 ? 1 : 0) + (nNum > 0 ? 1 : 0)];
        int f = 0;
        if (nCat > 0) {
            features[f++] = Nd4j.create(java.util.Arrays.copyOf(cat, b * nCat), new long[] {b, nCat}, 'c');
        }
        if (nNum > 0) {
            features[f] = Nd4j.create(java.util.Arrays.copyOf(num, b * 2 * nNum), new long[] {b, 2L * nNum}, 'c');
        }
        INDArray[] labels = withLabels
                ? new INDArray[] {Nd4j.create(java.util.Arrays.copyOf(lab, b), new long[] {b, 1}, 'c')} : null;
        return new MultiDataSet(features, labels);
    }
}
