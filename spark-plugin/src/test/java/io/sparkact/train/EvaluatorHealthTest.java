package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.health.GradNorms;
import io.sparkact.health.HealthProbe;
import io.sparkact.health.HealthStats;
import io.sparkact.health.LayerStats;
import io.sparkact.health.MergeableAccumulator;
import io.sparkact.models.DnnModel;
import io.sparkact.models.ModelSpec;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Health measured in Evaluator's pass: independent of partitioning, equal to a driver-side probe. */
class EvaluatorHealthTest {

    private static LocalSpark spark;

    @BeforeAll
    static void start() {
        spark = new LocalSpark("EvaluatorHealthTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ComputationGraph model(String activation, Integer... hidden) {
        return DnnModel.build(ModelSpec.builder().activation(activation).hidden(hidden).embeddingDim(4)
                .hashBuckets(SyntheticCtr.BUCKETS).categoricalFields(SyntheticCtr.CAT)
                .numericInputs(SyntheticCtr.NUM).seed(7).build());
    }

    /**
     * The same 25 minibatches in 1, 3 and 8 partitions: identical counts (examples, dead units, saturated
     * and active pairs) and the same moments to 1e-9; and the same as the probe run on the driver over the
     * minibatches one after the other. relu at random initialisation has saturated pairs and, in 16 units,
     * possibly dead ones. (The layer route — Dice, PReLU, Swish, Maxout — is the same code on every JVM and
     * is covered per catalogue entry in HealthProbeTest; one activation keeps this test to a few passes.)
     */
    @Test
    void partitioningDoesNotChangeTheStatistics() {
        List<MultiDataSet> batches = new SyntheticCtr(2_000, 80, 4).batches;
        for (String activation : List.of("relu")) {
            ComputationGraph g = model(activation, 16, 8);
            HealthProbe driverProbe = new HealthProbe(g.clone());
            HealthStats driver = driverProbe.emptyStats();
            for (MultiDataSet m : batches) {
                driverProbe.add(g.feedForward(m.getFeatures(), false), driver);
            }
            for (int partitions : new int[] {1, 3, 8}) {
                Evaluation e = Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(batches, partitions), true);
                assertEquals(2, e.health().layerCount());
                for (int layer = 0; layer < 2; layer++) {
                    String what = activation + ", " + partitions + " partitions, layer " + layer;
                    assertSame(driver.layer(layer), e.health().layer(layer), what);
                }
                assertEquals(2_000, e.metrics().count());
            }
            // without health: the identity, and the same metrics from the plain output path
            Evaluation with = Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(batches, 3), true);
            Evaluation without = Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(batches, 3), false);
            assertTrue(without.health().isEmpty() && without.health().layerCount() == 0);
            assertEquals(without.metrics().auc(), with.metrics().auc(), 1e-12);
            assertEquals(without.metrics().logloss(), with.metrics().logloss(), 1e-9);
            assertTrue(driver.layer(0).saturatedPairs() > 0 || !activation.equals("relu"), "relu should saturate");
        }
    }

    private static void assertSame(LayerStats expected, LayerStats actual, String what) {
        assertEquals(2_000, actual.examples(), what);
        assertEquals(expected.deadUnits(), actual.deadUnits(), what);
        assertEquals(expected.saturatedPairs(), actual.saturatedPairs(), what);
        assertEquals(expected.activePairs(), actual.activePairs(), what);
        assertEquals(expected.mean(), actual.mean(), 1e-9, what);
        assertEquals(expected.std(), actual.std(), 1e-9, what);
        assertEquals(expected.maxAbs(), actual.maxAbs(), 0.0, what);
    }

    /** The accumulator carries partial values added inside an action back to the driver, once per partition. */
    @Test
    void accumulatorMergesTaskCopies() {
        MergeableAccumulator<GradNorms> acc = new MergeableAccumulator<>(GradNorms.identity());
        spark.sc.sc().register(acc, "test");
        spark.sc.parallelize(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), 8)
                .foreach(x -> acc.add(GradNorms.identity().add(new double[] {x})));
        assertEquals(8, acc.value().count(0));
        assertEquals(4.5, acc.value().mean(0), 1e-15);
    }

    /** Not a test: the cost of health in the evaluation pass. Run with -Dsparkact.measure=true. */
    @Test
    @EnabledIfSystemProperty(named = "sparkact.measure", matches = "true")
    void measureCost() {
        List<MultiDataSet> batches = new SyntheticCtr(20_000, 512, 4).batches;
        ComputationGraph g = model("relu", 256, 128, 64);
        Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(batches, 2), true); // warm-up: JIT, native libs
        double[] off = new double[5];
        double[] on = new double[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(batches, 2), false);
            off[i] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(batches, 2), true);
            on[i] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.println(String.format(Locale.ROOT, "MEASURE evaluation alone %s s, with health %s s",
                java.util.Arrays.toString(off), java.util.Arrays.toString(on)));
    }
}
