package io.sparkact.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * Cuts the rows of a Dataset into exactly ceil(n / b) minibatches in the Dataset's row order, encoding them on
 * the executors: row i (0-based, in partition order) belongs to minibatch i / b, whatever the partitioning.
 *
 * <p>Three passes, only one of them full: (1) count the rows of each partition (on Spark's internal rows,
 * without converting them), so each partition knows the global index of its first row; (2) encode the first
 * rows of each partition that belong to a minibatch begun in an earlier partition (fewer than b per
 * partition; the pass stops reading there) and broadcast them; (3) each partition emits the minibatches
 * that begin in it, completing its last one with the borrowed rows of the following partitions. No shuffle,
 * and each row is encoded once. The Dataset is read more than once, so it must give the same rows in the
 * same order each time: pass a persisted Dataset (as {@link ReadResult#good()} is).
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
        long[] starts = partitionStarts(rows.queryExecution().toRdd().toJavaRDD());
        long n = starts[starts.length - 1];
        int[] lent = new int[starts.length - 1];
        for (int q = 0; q < lent.length; q++) {
            long s = starts[q];
            long batchEnd = Math.min((s / batchSize + 1) * batchSize, n);
            lent[q] = s % batchSize == 0 ? 0 : (int) Math.min(starts[q + 1] - s, batchEnd - s);
        }
        List<BatchBuffer> heads = new ArrayList<>(Collections.nCopies(lent.length, null));
        for (Tuple2<Integer, BatchBuffer> t : rdd.mapPartitionsWithIndex((q, it) -> {
            BatchBuffer head = new BatchBuffer(lent[q], enc);
            while (!head.isFull() && it.hasNext()) {
                head.add(enc, layout, it.next());
            }
            return Collections.singletonList(new Tuple2<>(q, head)).iterator();
        }, true).filter(t -> t._2().rows > 0).collect()) {
            heads.set(t._1(), t._2());
        }
        Broadcast<List<BatchBuffer>> lentRows = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext())
                .broadcast(heads);
        return rdd.mapPartitionsWithIndex((p, it) -> new Cutter(enc, layout, it, p, starts, lent,
                lentRows.value(), batchSize, withLabels), true);
    }

    /** starts[p] = global index of partition p's first row; the last element is the row count. */
    private static long[] partitionStarts(JavaRDD<InternalRow> rdd) {
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

    /** Emits the minibatches that begin in one partition. */
    private static final class Cutter implements Iterator<MultiDataSet> {
        private final FeatureEncoding enc;
        private final RowLayout layout;
        private final Iterator<Row> it;
        private final int partition;
        private final long[] starts;
        private final List<BatchBuffer> heads;
        private final int b;
        private final boolean withLabels;
        private long index;

        Cutter(FeatureEncoding enc, RowLayout layout, Iterator<Row> it, int partition, long[] starts, int[] lent,
               List<BatchBuffer> heads, int b, boolean withLabels) {
            this.enc = enc;
            this.layout = layout;
            this.it = it;
            this.partition = partition;
            this.starts = starts;
            this.heads = heads;
            this.b = b;
            this.withLabels = withLabels;
            this.index = starts[partition];
            for (int i = 0; i < lent[partition] && it.hasNext(); i++) {
                it.next(); // lent to an earlier partition's last minibatch: skipped, not encoded
                index++;
            }
        }

        @Override
        public boolean hasNext() {
            return index < starts[partition + 1];
        }

        @Override
        public MultiDataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long n = starts[starts.length - 1];
            int size = (int) Math.min(b, n - index);
            BatchBuffer buf = new BatchBuffer(size, enc);
            while (!buf.isFull() && it.hasNext()) {
                buf.add(enc, layout, it.next());
                index++;
            }
            // the partition ran out mid-batch: the following partitions' lent rows complete it, in order
            for (int q = partition + 1; !buf.isFull(); q++) {
                BatchBuffer head = heads.get(q);
                if (head != null) {
                    buf.append(head, 0, Math.min(head.rows, buf.capacity - buf.rows));
                }
            }
            return buf.toMultiDataSet(withLabels);
        }
    }
}
