package io.sparkact.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.params.PReluParamInitializer;
import io.sparkact.testing.LayerChecks;
import io.sparkact.testing.NetworkChecks;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The fixed test set for {@link PReluLayer} (He et al. 2015). */
class PReluLayerTest {

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    @Test
    void defaults() {
        PReluLayer layer = new PReluLayer.Builder().build();
        assertEquals("prelu", PReluLayer.NAME);
        assertEquals(List.of(PReluLayer.ALPHA), PReluLayer.PARAMS);
        assertEquals("alpha=0.25 (0 <= alpha <= 1)", PReluLayer.ALPHA.toString());
        assertEquals(0.25, layer.getAlpha());
        assertEquals(0, layer.getNIn(), "units are inferred from the input type");
        assertTrue(layer.getActivationFn() instanceof ActivationIdentity);
        assertEquals("alpha", PReluParamInitializer.ALPHA_KEY);

        // α starts at the configured value in every unit, shape [1, units]
        org.deeplearning4j.nn.api.Layer runtime = LayerChecks.standalone(
                new PReluLayer.Builder().alpha(0.1).build(), InputType.feedForward(3), DataType.DOUBLE);
        INDArray alpha = runtime.getParam(PReluParamInitializer.ALPHA_KEY);
        assertArrayEquals(new long[] {1, 3}, alpha.shape());
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, alpha.toDoubleVector(), 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-0.1 | prelu parameter alpha given invalid value -0.1; allowed: 0 <= alpha <= 1",
        "1.5  | prelu parameter alpha given invalid value 1.5; allowed: 0 <= alpha <= 1",
        "NaN  | prelu parameter alpha given invalid value NaN; allowed: 0 <= alpha <= 1"})
    void badAlpha(double alpha, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new PReluLayer.Builder().alpha(alpha).build()).getMessage());
    }

    @Test
    void equalityIncludesAlpha() {
        assertEquals(new PReluLayer.Builder().alpha(0.1).build(), new PReluLayer.Builder().alpha(0.1).build());
        assertNotEquals(new PReluLayer.Builder().alpha(0.1).build(), new PReluLayer.Builder().alpha(0.2).build());
    }

    @Test
    void unitsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PReluLayer.Builder().nIn(3).nOut(4).build());
        assertEquals("prelu parameter nOut given invalid value 4; allowed: nOut == nIn (3)", e.getMessage());
    }

    /**
     * Derived by hand from f = x (x > 0), αx (x <= 0) with α = (0.25, 0.5) per column:
     * x = [[2, −4], [−1, 0]] → f = [[2, 0.5·(−4)], [0.25·(−1), 0.5·0]] = [[2, −2], [−0.25, 0]].
     * With ε = [[1, 2], [3, 4]]: dL/dx = ε·slope, slope = [[1, 0.5], [0.25, 0.5]] (x = 0 takes α, the
     * negative side) → [[1, 1], [0.75, 2]]; dL/dα_u = Σ_{x <= 0} ε·x: α_0 = 3·(−1) = −3,
     * α_1 = 2·(−4) + 4·0 = −8.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void goldenValues2d(DataType dt) {
        org.deeplearning4j.nn.api.Layer layer = layerWithAlpha(InputType.feedForward(2), dt);
        INDArray x = Nd4j.createFromArray(new double[][] {{2, -4}, {-1, 0}}).castTo(dt);
        INDArray eps = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).castTo(dt);

        LayerChecks.assertValues(new double[][] {{2, -2}, {-0.25, 0}}, LayerChecks.forward(layer, x), 1e-7, "f");
        Pair<Gradient, INDArray> bp = LayerChecks.backward(layer, x, eps);
        LayerChecks.assertValues(new double[][] {{1, 1}, {0.75, 2}}, bp.getSecond(), 1e-7, "dL/dx");
        assertArrayEquals(new double[] {-3, -8},
                bp.getFirst().getGradientFor(PReluParamInitializer.ALPHA_KEY).toDoubleVector(), 1e-7);
        assertEquals(dt, bp.getSecond().dataType());
    }

    /**
     * The same numbers as a sequence [batch 1, units 2, time 2]: unit 0 sees x = (2, −1) with
     * ε = (1, 3), unit 1 sees x = (−4, 0) with ε = (2, 4); α is shared over time, so the results are
     * those of the 2-D case rearranged, and dL/dα sums over batch and time: (−3, −8).
     */
    @Test
    void goldenValues3d() {
        org.deeplearning4j.nn.api.Layer layer = layerWithAlpha(InputType.recurrent(2), DataType.DOUBLE);
        INDArray x = Nd4j.createFromArray(new double[][][] {{{2, -1}, {-4, 0}}});
        INDArray eps = Nd4j.createFromArray(new double[][][] {{{1, 3}, {2, 4}}});

        assertArrayEquals(new double[] {2, -0.25, -2, 0}, LayerChecks.forward(layer, x).ravel().toDoubleVector(), 1e-12);
        Pair<Gradient, INDArray> bp = LayerChecks.backward(layer, x, eps);
        assertArrayEquals(new long[] {1, 2, 2}, bp.getSecond().shape());
        assertArrayEquals(new double[] {1, 0.75, 1, 2}, bp.getSecond().ravel().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {-3, -8},
                bp.getFirst().getGradientFor(PReluParamInitializer.ALPHA_KEY).toDoubleVector(), 1e-12);
    }

    /** 3-D NCW input flows through a network unchanged in shape; NWC is refused with a clear message. */
    @Test
    void sequenceInput() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new PReluLayer.Builder().build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build())
                .setInputType(InputType.recurrent(3)).build());
        net.init();
        assertArrayEquals(new long[] {1, 3}, net.getLayer(0).getParam(PReluParamInitializer.ALPHA_KEY).shape());
        assertArrayEquals(new long[] {2, 2, 4}, net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 4)).shape());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PReluLayer.Builder().build().setNIn(InputType.recurrent(3, RNNFormat.NWC), true));
        assertTrue(e.getMessage().startsWith("prelu layer (name \"null\") accepts feed-forward [batch, units] "
                + "or recurrent NCW [batch, units, time] input; got"), e.getMessage());
    }

    private static org.deeplearning4j.nn.api.Layer layerWithAlpha(InputType type, DataType dt) {
        org.deeplearning4j.nn.api.Layer layer = LayerChecks.standalone(new PReluLayer.Builder().build(), type, dt);
        layer.setParam(PReluParamInitializer.ALPHA_KEY, Nd4j.createFromArray(new double[][] {{0.25, 0.5}}).castTo(dt));
        return layer;
    }

    /** Dense(identity) → PReLU(α = distinct non-zero values) → softmax, α included in the check. */
    @Test
    void gradientCheck() {
        NetworkChecks.useDouble();
        // the PReLU inputs (dense outputs) must stay clear of the kink for the finite differences
        MultiLayerNetwork probe = NetworkChecks.mln(DataType.DOUBLE, 12345, 4, network());
        INDArray h = probe.feedForward(NetworkChecks.features(DataType.DOUBLE, 42, 6, 4), false).get(1);
        assertTrue(Transforms.abs(h).minNumber().doubleValue() > 1e-3, "an input is at the kink: " + h);

        INDArray alpha = Nd4j.createFromArray(new double[][] {{0.1, 0.3, 0.6, 0.9, 0.2}});
        LayerChecks.assertGradientChecksPass(4, 6, PReluLayerTest::network, 1,
                Map.of(PReluParamInitializer.ALPHA_KEY, alpha));
    }

    private static Layer[] network() {
        return new Layer[] {
            new DenseLayer.Builder().nOut(5).activation(new ActivationIdentity()).build(),
            new PReluLayer.Builder().build()};
    }

    @Test
    void jsonKeepsTheConfiguration() {
        PReluLayer copy = LayerChecks.jsonCopy(new PReluLayer.Builder().alpha(0.1).build(), 3);
        assertEquals(0.1, copy.getAlpha());
        assertEquals(3, copy.getNIn());
        assertEquals(3, copy.getNOut());
    }

    @Test
    void roundTripsAfterTraining() {
        LayerChecks.assertRoundTripsAfterTraining(PReluLayerTest::network, 1, PReluParamInitializer.ALPHA_KEY);
    }

    @Test
    void learns() {
        NetworkChecks.assertLearns(network());
    }
}
