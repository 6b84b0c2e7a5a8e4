package io.sparkact.layers;

import static io.sparkact.layers.params.DiceParamInitializer.ALPHA_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.MEAN_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.VAR_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sparkact.testing.NetworkChecks;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Dice inside networks (Dense(identity) → Dice → softmax output): gradient checks in training mode with
 * α ≠ 0, running statistics under real fit steps with Adam/SGD and L2/weight decay, round trips, learning.
 */
class DiceNetworkTest {

    static final double[] ALPHA = {0.3, -0.4, 0.6};

    static DenseLayer dense(int nOut) {
        return new DenseLayer.Builder().nOut(nOut).activation(Activation.IDENTITY).build();
    }

    static void setAlpha(Layer dice, double... alpha) {
        dice.getParam(ALPHA_KEY).assign(Nd4j.create(alpha, new long[] {1, alpha.length})
                .castTo(dice.getParam(ALPHA_KEY).dataType()));
    }

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    @Test
    void gradientCheckMultiLayerNetworkTrainingMode() {
        NetworkChecks.useDouble();
        MultiLayerNetwork net = NetworkChecks.mln(DataType.DOUBLE, 12345, 4, dense(3),
                new DiceLayer.Builder().build());
        setAlpha(net.getLayer(1), ALPHA);
        INDArray x = NetworkChecks.features(DataType.DOUBLE, 1, 8, 4);
        NetworkChecks.assertGradientsPass(net, x, NetworkChecks.randomLabels(DataType.DOUBLE, 2, 8));
    }

    @Test
    void gradientCheckComputationGraphTrainingMode() {
        NetworkChecks.useDouble();
        ComputationGraph graph = NetworkChecks.graph(DataType.DOUBLE, 12345, 4, dense(3),
                new DiceLayer.Builder().epsilon(1e-5).build());
        setAlpha(graph.getLayer("l1"), ALPHA);
        INDArray x = NetworkChecks.features(DataType.DOUBLE, 3, 8, 4);
        NetworkChecks.assertGradientsPass(graph, x, NetworkChecks.randomLabels(DataType.DOUBLE, 4, 8));
    }

    /** Input to the Dice layer (index 1) = output of the Dense layer before it, as plain arrays. */
    static double[][] diceInput(MultiLayerNetwork net, INDArray x) {
        return net.feedForwardToLayer(0, x, false).get(1).toDoubleMatrix();
    }

    static MultiLayerNetwork trainable(IUpdater updater, double l2, double weightDecay, double momentum) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .updater(updater).weightInit(WeightInit.XAVIER).l2(l2);
        if (weightDecay > 0) {
            b.weightDecay(weightDecay);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.list()
                .layer(dense(3))
                .layer(new DiceLayer.Builder().momentum(momentum).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(NetworkChecks.CLASSES).build())
                .setInputType(InputType.feedForward(4)).build());
        net.init();
        return net;
    }

    /**
     * k fit steps: after each, running = m·running + (1 − m)·(statistics of that step's Dice input), with the
     * Dice input computed in plain Java from the network's Dense output before the step. The updater and the
     * regularisation must not touch the running statistics at all.
     */
    static void assertFitFollowsMovingAverage(IUpdater updater, double l2, double weightDecay) {
        double m = 0.8;
        MultiLayerNetwork net = trainable(updater, l2, weightDecay, m);
        double[] runMean = {0, 0, 0};
        double[] runVar = {1, 1, 1};
        for (int k = 0; k < 4; k++) {
            INDArray x = NetworkChecks.features(DataType.DOUBLE, 100 + k, 16, 4);
            double[][] z = diceInput(net, x);
            double[] bm = DiceReference.mean(z);
            double[] bv = DiceReference.variance(z);
            for (int j = 0; j < 3; j++) {
                runMean[j] = m * runMean[j] + (1 - m) * bm[j];
                runVar[j] = m * runVar[j] + (1 - m) * bv[j];
            }
            net.fit(new DataSet(x, NetworkChecks.randomLabels(DataType.DOUBLE, k, 16)));
        }
        assertArrayEquals(runMean, net.getLayer(1).getParam(MEAN_KEY).toDoubleVector(), 1e-12,
                "running mean after 4 fit steps with " + updater);
        assertArrayEquals(runVar, net.getLayer(1).getParam(VAR_KEY).toDoubleVector(), 1e-12,
                "running variance after 4 fit steps with " + updater);
        // α is trained, so the steps did update parameters.
        assertNotEquals(0.0, net.getLayer(1).getParam(ALPHA_KEY).norm2Number().doubleValue());
    }

    @Test
    void fitWithAdamAndL2LeavesRunningStatisticsToTheMovingAverage() {
        assertFitFollowsMovingAverage(new Adam(0.05), 0.5, 0);
    }

    @Test
    void fitWithSgdAndWeightDecayLeavesRunningStatisticsToTheMovingAverage() {
        assertFitFollowsMovingAverage(new Sgd(0.5), 0, 0.3);
    }

    /** The same network trained for a few Adam steps: running statistics and updater state are non-trivial. */
    static MultiLayerNetwork trainedNet(INDArray x) {
        MultiLayerNetwork net = trainable(new Adam(0.05), 0, 0, 0.5);
        for (int k = 0; k < 5; k++) {
            net.fit(new DataSet(x, NetworkChecks.randomLabels(DataType.DOUBLE, k, x.rows())));
        }
        return net;
    }

    /**
     * NetworkChecks' round trips compare outputs with toDoubleVector(), which only accepts a single row
     * ([1, classes]): they get one example, and the whole batch is compared here.
     */
    static INDArray firstRow(INDArray x) {
        return x.getRow(0, true).dup();
    }

    static void assertSameOutput(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.toDoubleMatrix(), actual.toDoubleMatrix(), "eval output changed in a round trip");
    }

    static void assertSameRunningStatistics(Layer expected, Layer actual) {
        assertNotEquals(0.0, expected.getParam(MEAN_KEY).norm2Number().doubleValue(), "training moved the mean");
        for (String key : new String[] {MEAN_KEY, VAR_KEY, ALPHA_KEY}) {
            assertArrayEquals(expected.getParam(key).toDoubleVector(), actual.getParam(key).toDoubleVector(), 0.0,
                    key + " changed in a round trip");
        }
    }

    @Test
    void jsonRoundTripMultiLayerNetwork() {
        INDArray x = NetworkChecks.features(DataType.DOUBLE, 5, 16, 4);
        MultiLayerNetwork trained = trainedNet(x);
        MultiLayerNetwork restored = NetworkChecks.jsonRoundTrip(trained, firstRow(x));
        assertSameOutput(trained.output(x, false), restored.output(x, false));
        assertSameRunningStatistics(trained.getLayer(1), restored.getLayer(1));
        // The non-default momentum must survive the JSON, not fall back to the default.
        DiceLayer conf = (DiceLayer) restored.getLayer(1).conf().getLayer();
        assertEquals(0.5, conf.getMomentum());
        assertEquals(1e-9, conf.getEpsilon());
        assertEquals(3, conf.getNOut());
    }

    @Test
    void modelSerializerRoundTripMultiLayerNetwork() {
        INDArray x = NetworkChecks.features(DataType.DOUBLE, 6, 16, 4);
        MultiLayerNetwork trained = trainedNet(x);
        MultiLayerNetwork restored = NetworkChecks.modelSerializerRoundTrip(trained, firstRow(x));
        assertSameOutput(trained.output(x, false), restored.output(x, false));
        assertSameRunningStatistics(trained.getLayer(1), restored.getLayer(1));
    }

    @Test
    void roundTripsComputationGraph() {
        INDArray x = NetworkChecks.features(DataType.FLOAT, 7, 16, 4);
        ComputationGraph graph = NetworkChecks.graph(DataType.FLOAT, 3, 4, dense(3),
                new DiceLayer.Builder().epsilon(1e-3).momentum(0.5).build());
        for (int k = 0; k < 3; k++) {
            graph.fit(new DataSet(x, NetworkChecks.randomLabels(DataType.FLOAT, k, 16)));
        }
        ComputationGraph fromJson = NetworkChecks.jsonRoundTrip(graph, firstRow(x));
        assertSameOutput(graph.outputSingle(false, x), fromJson.outputSingle(false, x));
        assertSameRunningStatistics(graph.getLayer("l1"), fromJson.getLayer("l1"));
        assertEquals(1e-3, ((DiceLayer) fromJson.getLayer("l1").conf().getLayer()).getEpsilon());
        ComputationGraph fromZip = NetworkChecks.modelSerializerRoundTrip(graph, firstRow(x));
        assertSameOutput(graph.outputSingle(false, x), fromZip.outputSingle(false, x));
        assertSameRunningStatistics(graph.getLayer("l1"), fromZip.getLayer("l1"));
    }

    @Test
    void learns() {
        NetworkChecks.assertLearns(dense(8), new DiceLayer.Builder().build());
    }
}
