package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.params.EmbeddingLookupParamInitializer;
import io.sparkact.models.ModelSpec;
import io.sparkact.models.Models;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The occurrence counts behind the mini-batch aware L2, and the trainer setting them on a real local[2] run. */
class EmbeddingCountsTest {

    private static LocalSpark spark;
    private static final List<String> LOG = new ArrayList<>();

    @BeforeAll
    static void start() {
        spark = new LocalSpark("EmbeddingCountsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
        LOG.forEach(System.out::println);
    }

    private static MultiDataSet batch(float[][] ids, float[][] mask) {
        INDArray y = Nd4j.zeros(ids.length, 1);
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {Nd4j.createFromArray(ids)},
                new INDArray[] {y}, mask == null ? null : new INDArray[] {Nd4j.createFromArray(mask)}, null);
    }

    /**
     * By hand: batch A ids [[0, 3], [3, 3]] (no mask): row 0 once, row 3 three times; batch B ids [[1, 3], [5, 0]]
     * with mask [[1, 0], [1, 1]]: rows 1, 5, 0 once each, the masked 3 not at all. Totals over 6 rows: n = (2, 1, 0, 3,
     * 0, 1), whatever partition each batch lands in.
     */
    @Test
    void countsEveryUnmaskedOccurrenceAcrossPartitions() {
        List<MultiDataSet> batches = List.of(batch(new float[][] {{0, 3}, {3, 3}}, null),
                batch(new float[][] {{1, 3}, {5, 0}}, new float[][] {{1, 0}, {1, 1}}));
        for (int partitions : new int[] {1, 2}) {
            assertArrayEquals(new long[] {2, 1, 0, 3, 0, 1},
                    EmbeddingCounts.count(spark.sc.parallelize(batches, partitions), 6), "partitions " + partitions);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingCounts.add(batch(new float[][] {{0, 6}}, null), new long[6]));
        assertEquals("categorical index 6.0 outside the embedding vocabulary [0, 6)", e.getMessage());
    }

    /**
     * train() with training.mba_l2 on: the result's inverse counts are 1 / n_j of a count made here row by row from the
     * same batches (an independent loop over the arrays), 0 for rows that never occur; the model still learns.
     */
    @Test
    void trainerSetsInverseCountsAndLearns() {
        SyntheticCtr train = new SyntheticCtr(6_400, 128, 1);
        SyntheticCtr valid = new SyntheticCtr(2_000, 500, 2);
        double[] n = new double[SyntheticCtr.BUCKETS];
        for (MultiDataSet m : train.batches) {
            for (double v : m.getFeatures(0).dup('c').reshape(-1).toDoubleVector()) {
                n[(int) v]++;
            }
        }
        ModelSpec spec = ModelSpec.builder().activation("relu").hidden(32, 16).embeddingDim(4)
                .hashBuckets(SyntheticCtr.BUCKETS).categoricalFields(SyntheticCtr.CAT).numericInputs(SyntheticCtr.NUM)
                .learningRate(0.01).mbaL2(0.4).seed(7).build();
        JavaRDD<MultiDataSet> t = spark.sc.parallelize(train.batches, 2);
        TrainResult r = new SparkTrainer(spark.sc, spec, TrainingSpec.builder().master("averaging").epochs(2)
                .batchSize(128).build()).train(t, spark.sc.parallelize(valid.batches, 2), LOG::add);
        INDArray inv = r.graph().getLayer("emb").getParam(EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY);
        int seen = 0;
        for (int j = 0; j < n.length; j++) {
            assertEquals(n[j] == 0 ? 0.0 : 1.0 / n[j], inv.getDouble(0, j), 1e-6 / Math.max(1, n[j]), "row " + j + " (float precision)");
            seen += n[j] > 0 ? 1 : 0;
        }
        assertTrue(seen > 10, "the synthetic data should use most of its 24 buckets: " + seen);
        final int distinct = seen;
        assertTrue(LOG.stream().anyMatch(l -> l.startsWith("mini-batch aware L2 on the embedding table: " + distinct
                + " distinct rows")), String.join("\n", LOG));
        double oracle = SyntheticCtr.pairAuc(valid.trueProb, valid.labels);
        assertTrue(r.metrics().auc() >= oracle - 0.08, "AUC " + r.metrics().auc() + " vs oracle " + oracle);
        ComputationGraph fresh = Models.build(spec);
        assertEquals(0.0, fresh.getLayer("emb").getParam(EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY)
                .sumNumber().doubleValue(), 0.0, "a fresh model has no counts until training sets them");
    }
}
