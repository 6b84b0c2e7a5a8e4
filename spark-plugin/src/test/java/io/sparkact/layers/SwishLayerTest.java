package io.sparkact.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.params.SwishParamInitializer;
import io.sparkact.params.Param;
import io.sparkact.testing.LayerChecks;
import io.sparkact.testing.NetworkChecks;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fixed test set for {@link SwishLayer} (Ramachandran et al. 2017). */
class SwishLayerTest {

    /** ln 3: σ(±ln 3) = 3/4 and 1/4 and σ(2 ln 3) = σ(ln 9) = 9/10 exactly, which makes hand values easy. */
    private static final double L = Math.log(3);

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    @Test
    void defaults() {
        SwishLayer layer = new SwishLayer.Builder().build();
        assertEquals("swish", SwishLayer.NAME);
        assertEquals(List.of(SwishLayer.BETA, SwishLayer.TRAINABLE), SwishLayer.PARAMS);
        assertEquals(Param.Type.BOOL, SwishLayer.TRAINABLE.type());
        assertEquals("beta=1 (beta >= 0 (finite))", SwishLayer.BETA.toString());
        assertEquals(1.0, layer.getBeta());
        assertTrue(layer.isTrainable());
        assertTrue(layer.getActivationFn() instanceof ActivationIdentity);
        assertEquals("beta", SwishParamInitializer.BETA_KEY);

        org.deeplearning4j.nn.api.Layer runtime = LayerChecks.standalone(
                new SwishLayer.Builder().beta(1.7).build(), InputType.feedForward(3), DataType.DOUBLE);
        INDArray beta = runtime.getParam(SwishParamInitializer.BETA_KEY);
        assertArrayEquals(new long[] {1, 1}, beta.shape(), "one beta per layer, not per unit");
        assertEquals(1.7, beta.getDouble(0), 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1       | swish parameter beta given invalid value -1; allowed: beta >= 0 (finite)",
        "-0.5     | swish parameter beta given invalid value -0.5; allowed: beta >= 0 (finite)",
        "NaN      | swish parameter beta given invalid value NaN; allowed: beta >= 0 (finite)",
        "Infinity | swish parameter beta given invalid value Infinity; allowed: beta >= 0 (finite)"})
    void badBeta(double beta, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new SwishLayer.Builder().beta(beta).build()).getMessage());
    }

    @Test
    void equalityIncludesBetaAndTrainable() {
        assertEquals(new SwishLayer.Builder().beta(2).build(), new SwishLayer.Builder().beta(2).build());
        assertNotEquals(new SwishLayer.Builder().beta(2).build(), new SwishLayer.Builder().beta(3).build());
        assertNotEquals(new SwishLayer.Builder().build(), new SwishLayer.Builder().trainable(false).build());
    }

    /**
     * β = 2, x = [[L/2, −L/2], [0, L]] with L = ln 3, so βx = ln 3, −ln 3, 0, ln 9 and s = σ(βx) =
     * 3/4, 1/4, 1/2, 9/10, s(1 − s) = 3/16, 3/16, 1/4, 9/100. From f = x·s, df/dx = s + βx·s(1 − s),
     * df/dβ = x²·s(1 − s):
     * f = [[3L/8, −L/8], [0, 9L/10]]; with ε = [[1, 2], [3, 4]]
     * dL/dx = [[3/4 + 3L/16, 2·(1/4 − 3L/16)], [3·1/2, 4·(9/10 + 18L/100)]],
     * dL/dβ = 1·3L²/64 + 2·3L²/64 + 3·0 + 4·9L²/100 = 9L²/64 + 36L²/100.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void goldenValues(DataType dt) {
        org.deeplearning4j.nn.api.Layer layer = LayerChecks.standalone(
                new SwishLayer.Builder().beta(2).build(), InputType.feedForward(2), dt);
        Pair<Gradient, INDArray> bp = run(layer, dt);
        assertArrayEquals(new double[] {9 * L * L / 64 + 0.36 * L * L},
                bp.getFirst().getGradientFor(SwishParamInitializer.BETA_KEY).toDoubleVector(), 1e-6);
        assertEquals(dt, bp.getSecond().dataType());
    }

    /** trainable=false: the same f and dL/dx with the constant β = 2, and no parameter at all. */
    @Test
    void fixedBeta() {
        SwishLayer conf = new SwishLayer.Builder().beta(2).trainable(false).build();
        org.deeplearning4j.nn.api.Layer layer = LayerChecks.standalone(conf, InputType.feedForward(2), DataType.DOUBLE);
        assertEquals(0, layer.numParams());
        Pair<Gradient, INDArray> bp = run(layer, DataType.DOUBLE);
        assertTrue(bp.getFirst().gradientForVariable().isEmpty());
    }

    /** Checks the hand-derived f and dL/dx of {@link #goldenValues} and returns the backprop result. */
    private static Pair<Gradient, INDArray> run(org.deeplearning4j.nn.api.Layer layer, DataType dt) {
        INDArray x = Nd4j.createFromArray(new double[][] {{L / 2, -L / 2}, {0, L}}).castTo(dt);
        INDArray eps = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).castTo(dt);
        LayerChecks.assertValues(new double[][] {{3 * L / 8, -L / 8}, {0, 0.9 * L}},
                LayerChecks.forward(layer, x), 1e-6, "f");
        Pair<Gradient, INDArray> bp = LayerChecks.backward(layer, x, eps);
        LayerChecks.assertValues(new double[][] {
            {0.75 + 3 * L / 16, 2 * (0.25 - 3 * L / 16)},
            {1.5, 4 * (0.9 + 0.18 * L)}}, bp.getSecond(), 1e-6, "dL/dx");
        return bp;
    }

    /** β = 0 (allowed edge): f = x/2, df/dx = 1/2, df/dβ = x²/4 (σ(0) = 1/2, σ' = 1/4). */
    @Test
    void betaZero() {
        org.deeplearning4j.nn.api.Layer layer = LayerChecks.standalone(
                new SwishLayer.Builder().beta(0).build(), InputType.feedForward(2), DataType.DOUBLE);
        INDArray x = Nd4j.createFromArray(new double[][] {{-2, 3}});
        Pair<Gradient, INDArray> bp = LayerChecks.backward(layer, x, Nd4j.ones(DataType.DOUBLE, 1, 2));
        assertArrayEquals(new double[] {-1, 1.5}, LayerChecks.forward(layer, x).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, bp.getSecond().toDoubleVector(), 1e-12);
        assertEquals(4.0 / 4 + 9.0 / 4, bp.getFirst().getGradientFor(SwishParamInitializer.BETA_KEY).getDouble(0),
                1e-12);
    }

    /** Dense(identity) → Swish(β = 1.3, trainable) → softmax, β included; then the fixed-β variant. */
    @Test
    void gradientCheck() {
        NetworkChecks.useDouble();
        LayerChecks.assertGradientChecksPass(4, 6, () -> network(true), 1,
                Map.of(SwishParamInitializer.BETA_KEY, Nd4j.createFromArray(new double[][] {{1.3}})));
        LayerChecks.assertGradientChecksPass(4, 6, () -> network(false), 1, Map.of());
    }

    private static Layer[] network(boolean trainable) {
        return new Layer[] {
            new DenseLayer.Builder().nOut(5).activation(new ActivationIdentity()).build(),
            new SwishLayer.Builder().beta(1.0).trainable(trainable).build()};
    }

    @Test
    void jsonKeepsTheConfiguration() {
        SwishLayer copy = LayerChecks.jsonCopy(new SwishLayer.Builder().beta(1.7).trainable(false).build(), 3);
        assertEquals(1.7, copy.getBeta());
        assertEquals(false, copy.isTrainable());
        assertEquals(3, copy.getNOut());
    }

    @Test
    void roundTripsAfterTraining() {
        LayerChecks.assertRoundTripsAfterTraining(() -> network(true), 1, SwishParamInitializer.BETA_KEY);
    }

    @Test
    void learns() {
        NetworkChecks.assertLearns(network(true));
    }
}
