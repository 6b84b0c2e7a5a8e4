package io.sparkact.jobs.score;

import io.sparkact.data.FeatureEncoding;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores one partition: rows → (id columns..., pctr), in minibatches, in input order, lazily.
 *
 * <p>The model travels once per executor as broadcast bytes (already checked against the manifest's sha256 on
 * the driver) and is deserialised lazily, once per executor thread and model: a ComputationGraph is not safe for
 * concurrent {@code output} calls, so the tasks running side by side in one executor each keep their own.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<Row>, Row> {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Map.Entry<String, ComputationGraph>> LOADED = new ThreadLocal<>();

    private final Broadcast<byte[]> model;
    private final String sha256;
    private final FeatureEncoding encoding;
    private final int[] idColumns;
    private final int batchSize;

    PartitionScorer(Broadcast<byte[]> model, String sha256, FeatureEncoding encoding, int[] idColumns, int batchSize) {
        this.model = model;
        this.sha256 = sha256;
        this.encoding = encoding;
        this.idColumns = idColumns.clone();
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        if (!rows.hasNext()) {
            return List.<Row>of().iterator();
        }
        ComputationGraph g = graph();
        // lazily, one minibatch at a time: a partition's scores never have to fit in memory at once
        return new Iterator<>() {
            private Iterator<Row> scored = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!scored.hasNext() && rows.hasNext()) {
                    scored = scoreBatch(g, rows).iterator();
                }
                return scored.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return scored.next();
            }
        };
    }

    /** Scores the next minibatch of up to batchSize rows. */
    private List<Row> scoreBatch(ComputationGraph g, Iterator<Row> rows) {
        List<Row> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && rows.hasNext()) {
            batch.add(rows.next());
        }
        INDArray p = io.sparkact.train.MaskedForward.output(g, encoding.encode(batch));
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Object[] values = new Object[idColumns.length + 1];
            for (int k = 0; k < idColumns.length; k++) {
                values[k] = batch.get(i).get(idColumns[k]);
            }
            values[idColumns.length] = p.getDouble(i, 0);
            out.add(RowFactory.create(values));
        }
        return out;
    }

    private ComputationGraph graph() throws java.io.IOException {
        Map.Entry<String, ComputationGraph> loaded = LOADED.get();
        if (loaded == null || !loaded.getKey().equals(sha256)) {
            ComputationGraph g = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model.value()), false);
            loaded = Map.entry(sha256, g);
            LOADED.set(loaded);
        }
        return loaded.getValue();
    }
}
