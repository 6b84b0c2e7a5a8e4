package io.sparkact.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * Cuts the rows of a Dataset into exactly ceil(n / b) minibatches, in the Dataset's row order, encoding
 * them on the executors.
 *
 * <p>Row i (0-based, in partition order) belongs to minibatch i / b. One small job counts the rows of each
 * partition, so every partition knows the global index of its first row. Each partition then encodes its
 * rows and emits whole minibatches directly; only a minibatch that straddles a partition boundary leaves as
 * pieces, which one shuffle (at most two pieces per partition) joins. So the batch count does not depend on
 * how the input is partitioned, and only boundary rows move. The input is evaluated twice (count, encode)
 * plus once per straddling piece set: pass a persisted Dataset (as {@link ReadResult#good()} is).
 */
final class Minibatches {

    private Minibatches() { }

    static JavaRDD<MultiDataSet> of(FeatureEncoding enc, Dataset<Row> rows, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize given invalid value " + batchSize + "; allowed: >= 1");
        }
        RowLayout layout = RowLayout.of(rows.schema(), enc);
        boolean withLabels = layout.label >= 0;
        JavaRDD<Row> rdd = rows.toJavaRDD();
        long[] starts = partitionStarts(rdd);
        long n = starts[starts.length - 1];
        JavaRDD<BatchBuffer> pieces = rdd.mapPartitionsWithIndex(
                (p, it) -> cut(enc, layout, it, starts[p], n, batchSize), true);
        JavaRDD<MultiDataSet> whole = pieces.filter(BatchBuffer::isFull)
                .filter(piece -> piece.offset == 0)
                .map(piece -> (MultiDataSet) piece.toMultiDataSet(withLabels));
        JavaPairRDD<Long, Iterable<BatchBuffer>> grouped = pieces
                .filter(piece -> !(piece.isFull() && piece.offset == 0))
                .mapToPair(piece -> new Tuple2<>(piece.batchId, piece)).groupByKey();
        JavaRDD<MultiDataSet> joined = grouped.map(t -> {
            List<BatchBuffer> list = new ArrayList<>();
            t._2().forEach(list::add);
            return (MultiDataSet) BatchBuffer.merge(list).toMultiDataSet(withLabels);
        });
        return whole.union(joined);
    }

    /** starts[p] = global index of partition p's first row; the last element is the row count. */
    private static long[] partitionStarts(JavaRDD<Row> rdd) {
        List<Tuple2<Integer, Long>> counts = rdd.mapPartitionsWithIndex((p, it) -> {
            long c = 0;
            while (it.hasNext()) {
                it.next();
                c++;
            }
            return Collections.singletonList(new Tuple2<>(p, c)).iterator();
        }, true).collect();
        long[] starts = new long[rdd.getNumPartitions() + 1];
        for (Tuple2<Integer, Long> t : counts) {
            starts[t._1() + 1] = t._2();
        }
        for (int i = 1; i < starts.length; i++) {
            starts[i] += starts[i - 1];
        }
        return starts;
    }

    /**
     * Encodes one partition into buffers. A buffer is "whole" when it is full and starts its minibatch;
     * capacities follow the global cut, so the last minibatch of the data set is the only short one.
     */
    private static Iterator<BatchBuffer> cut(FeatureEncoding enc, RowLayout layout, Iterator<Row> it,
                                             long start, long n, int b) {
        int nCat = enc.categoricalFields().size();
        int nNum = enc.numericFields().size();
        return new Iterator<>() {
            private long index = start;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public BatchBuffer next() {
                long batch = index / b;
                int offset = (int) (index - batch * b);
                int batchRows = (int) Math.min(b, n - batch * b);
                BatchBuffer buf = new BatchBuffer(batch, offset, batchRows - offset, nCat, nNum);
                while (!buf.isFull() && it.hasNext()) {
                    buf.add(enc, layout, it.next());
                    index++;
                }
                return buf;
            }
        };
    }
}
