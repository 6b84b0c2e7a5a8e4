package io.sparkact.data;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encoded rows of one minibatch (or the first rows of a partition, lent to the partition whose last
 * minibatch they complete), as plain float arrays: cheap to broadcast, turned into ND4J arrays at the end.
 */
final class BatchBuffer implements Serializable {
    private static final long serialVersionUID = 1L;

    final int capacity;
    final int nNum;
    /** The width of a row's categorical input: the fields (numeric buckets included), plus L·k with sequences. */
    final int catWidth;
    final float[] cat;
    /** The feature mask of the categorical input, or null without sequences. */
    final float[] mask;
    final float[] num;
    final float[] lab;
    int rows;

    BatchBuffer(int capacity, FeatureEncoding enc) {
        this.capacity = capacity;
        this.nNum = enc.numericFields().size();
        this.catWidth = enc.categoricalInputs();
        this.cat = new float[capacity * catWidth];
        this.mask = enc.hasSequences() ? new float[capacity * catWidth] : null;
        this.num = new float[capacity * 2 * nNum];
        this.lab = new float[capacity];
    }

    boolean isFull() {
        return rows == capacity;
    }

    void add(FeatureEncoding enc, RowLayout layout, Row row) {
        enc.encodeInto(layout, row, cat, mask, rows * catWidth, num, rows * 2 * nNum, lab, rows);
        rows++;
    }

    /** Appends {@code count} already encoded rows of {@code src}, starting at its row {@code from}. */
    void append(BatchBuffer src, int from, int count) {
        System.arraycopy(src.cat, from * catWidth, cat, rows * catWidth, count * catWidth);
        if (mask != null) {
            System.arraycopy(src.mask, from * catWidth, mask, rows * catWidth, count * catWidth);
        }
        System.arraycopy(src.num, from * 2 * nNum, num, rows * 2 * nNum, count * 2 * nNum);
        System.arraycopy(src.lab, from, lab, rows, count);
        rows += count;
    }

    /** The minibatch in the documented layout (see {@link FeatureEncoding}). */
    MultiDataSet toMultiDataSet(boolean withLabels) {
        int b = rows;
        INDArray[] features = new INDArray[(catWidth > 0 ? 1 : 0) + (nNum > 0 ? 1 : 0)];
        int f = 0;
        INDArray[] masks = null;
        if (catWidth > 0) {
            if (mask != null) {
                masks = new INDArray[features.length];
                masks[f] = Nd4j.create(java.util.Arrays.copyOf(mask, b * catWidth), new long[] {b, catWidth}, 'c');
            }
            features[f++] = Nd4j.create(java.util.Arrays.copyOf(cat, b * catWidth), new long[] {b, catWidth}, 'c');
        }
        if (nNum > 0) {
            features[f] = Nd4j.create(java.util.Arrays.copyOf(num, b * 2 * nNum), new long[] {b, 2L * nNum}, 'c');
        }
        INDArray[] labels = withLabels
                ? new INDArray[] {Nd4j.create(java.util.Arrays.copyOf(lab, b), new long[] {b, 1}, 'c')} : null;
        return new MultiDataSet(features, labels, masks, null);
    }
}
