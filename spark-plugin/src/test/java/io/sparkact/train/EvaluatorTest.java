package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Evaluator against hand-computed values and against a driver-side computation. */
class EvaluatorTest {

    private static LocalSpark spark;

    @BeforeAll
    static void start() {
        spark = new LocalSpark("EvaluatorTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A graph whose prediction is sigmoid(x) of its single numeric input: scores are chosen exactly. */
    static ComputationGraph identityScorer() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("num").addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(1).nOut(1).activation(Activation.SIGMOID).build(), "num")
                .setOutputs("out").build());
        g.init();
        g.getParam("out_W").assign(1.0);
        g.getParam("out_b").assign(0.0);
        return g;
    }

    /** Each score in its own minibatch spread over 2 partitions, so merging across partitions is exercised. */
    static JavaRDD<MultiDataSet> data(double[] scores, double[] labels) {
        List<MultiDataSet> batches = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            INDArray x = Nd4j.createFromArray(new float[][] {{(float) Math.log(scores[i] / (1 - scores[i]))}});
            INDArray y = Nd4j.createFromArray(new float[][] {{(float) labels[i]}});
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[] {y}));
        }
        return spark.sc.parallelize(batches, 2);
    }

    @Test
    void fourScoresByHand() {
        // positives {0.35, 0.8}, negatives {0.1, 0.4}: pairs (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) → 3/4
        double[] s = {0.1, 0.4, 0.35, 0.8};
        double[] y = {0, 0, 1, 1};
        EvalMetrics m = Evaluator.evaluate(spark.sc, identityScorer(), data(s, y));
        assertEquals(0.75, m.auc(), 1e-6);
        // logloss = −(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8)/4 = 0.47228795…
        double hand = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
        assertEquals(hand, m.logloss(), 1e-6);
        // mean prediction 1.65/4 over observed rate 0.5 = 0.825
        assertEquals(0.825, m.calibration(), 1e-6);
        assertEquals(4, m.count());
    }

    @Test
    void tiesCountOneHalf() {
        // positives {0.5, 0.9}, negatives {0.5, 0.2}: (0.5=0.5)→½, (0.5>0.2), (0.9>0.5), (0.9>0.2) → 3.5/4
        EvalMetrics m = Evaluator.evaluate(spark.sc, identityScorer(),
                data(new double[] {0.5, 0.5, 0.2, 0.9}, new double[] {1, 0, 0, 1}));
        assertEquals(0.875, m.auc(), 1e-6);
    }

    @Test
    void oneClassOnlyHasNoAuc() {
        EvalMetrics m = Evaluator.evaluate(spark.sc, identityScorer(),
                data(new double[] {0.3, 0.6}, new double[] {1, 1}));
        assertEquals(Double.NaN, m.auc());
    }

    @Test
    void matchesDriverSideComputationOnARealModel() {
        SyntheticCtr d = new SyntheticCtr(1200, 100, 5);
        ComputationGraph g = io.sparkact.models.DnnModel.build(io.sparkact.models.ModelSpec.builder()
                .hidden(8).embeddingDim(4).hashBuckets(SyntheticCtr.BUCKETS)
                .categoricalFields(SyntheticCtr.CAT).numericInputs(SyntheticCtr.NUM).build());
        EvalMetrics m = Evaluator.evaluate(spark.sc, g, spark.sc.parallelize(d.batches, 3));
        List<Double> scores = new ArrayList<>();
        double ll = 0;
        for (MultiDataSet b : d.batches) {
            for (double p : g.output(false, b.getFeatures())[0].toDoubleVector()) {
                scores.add(p);
            }
        }
        for (int i = 0; i < scores.size(); i++) {
            double p = Math.min(Math.max(scores.get(i), 1e-15), 1 - 1e-15);
            ll -= d.labels.get(i) == 1.0 ? Math.log(p) : Math.log(1 - p);
        }
        assertEquals(SyntheticCtr.pairAuc(scores, d.labels), m.auc(), 1e-9);
        assertEquals(ll / scores.size(), m.logloss(), 1e-9);
        assertEquals(1200, m.count());
    }
}
