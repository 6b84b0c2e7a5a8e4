package io.sparkact.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.params.MaxoutParamInitializer;
import io.sparkact.testing.LayerChecks;
import io.sparkact.testing.NetworkChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fixed test set for {@link MaxoutLayer} (Goodfellow et al. 2013). */
class MaxoutLayerTest {

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    @Test
    void defaults() {
        MaxoutLayer layer = new MaxoutLayer.Builder().nOut(3).build();
        assertEquals("maxout", MaxoutLayer.NAME);
        assertEquals(List.of(MaxoutLayer.PIECES), MaxoutLayer.PARAMS);
        assertEquals("pieces=2 (2 <= pieces <= 16)", MaxoutLayer.PIECES.toString());
        assertEquals(2, layer.getPieces());
        assertEquals(0, layer.getNIn(), "nIn is inferred from the input type");
        assertTrue(layer.getActivationFn() instanceof ActivationIdentity);

        // W [nIn, nOut·k] from the weight init, b [1, nOut·k] at 0
        org.deeplearning4j.nn.api.Layer runtime = LayerChecks.standalone(
                new MaxoutLayer.Builder().nOut(3).pieces(4).build(), InputType.feedForward(5), DataType.DOUBLE);
        assertEquals(List.of("W", "b"), List.copyOf(runtime.paramTable().keySet()));
        assertArrayEquals(new long[] {5, 12}, runtime.getParam(MaxoutParamInitializer.WEIGHT_KEY).shape());
        assertArrayEquals(new long[] {1, 12}, runtime.getParam(MaxoutParamInitializer.BIAS_KEY).shape());
        assertEquals(0.0, runtime.getParam(MaxoutParamInitializer.BIAS_KEY).norm1Number().doubleValue());
        assertTrue(runtime.getParam(MaxoutParamInitializer.WEIGHT_KEY).norm1Number().doubleValue() > 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0, -2, 17})
    void badPieces(int pieces) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxoutLayer.Builder().nOut(3).pieces(pieces).build());
        assertEquals("maxout parameter pieces given invalid value " + pieces + "; allowed: 2 <= pieces <= 16",
                e.getMessage());
    }

    @Test
    void equalityIncludesPieces() {
        assertEquals(new MaxoutLayer.Builder().nOut(3).build(), new MaxoutLayer.Builder().nOut(3).build());
        assertNotEquals(new MaxoutLayer.Builder().nOut(3).build(),
                new MaxoutLayer.Builder().nOut(3).pieces(3).build());
    }

    @Test
    void nOutRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxoutLayer.Builder().build());
        assertEquals("maxout parameter nOut given invalid value 0; allowed: nOut >= 1", e.getMessage());
    }

    /**
     * nIn = 2, nOut = 2, k = 2; column j·k + i is piece i of unit j.
     * W = [[1, −1, 2, 3], [0, 1, 1, 0.5]], b = [0, 0.5, 0, 0], x = [[1, 2], [2, −1]]:
     * z = x·W + b = [[1, 1.5, 4, 4], [2, −2.5, 3, 5.5]] → out = [[max(1, 1.5), max(4, 4)], [max(2, −2.5),
     * max(3, 5.5)]] = [[1.5, 4], [2, 5.5]]. Arg-max pieces: row 0 → (1, tie → 0), row 1 → (0, 1).
     * With ε = [[1, 2], [3, 4]]: dL/dz = [[0, 1, 2, 0], [3, 0, 0, 4]] (the tie sends ε only to piece 0);
     * dL/db = column sums = [3, 1, 2, 4]; dL/dW = xᵀ·dz = [[6, 1, 2, 8], [−3, 2, 4, −4]];
     * dL/dx = dz·Wᵀ = [[−1 + 4, 1 + 2], [3 + 12, 0 + 2]] = [[3, 3], [15, 2]].
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void goldenValues(DataType dt) {
        org.deeplearning4j.nn.api.Layer layer = LayerChecks.standalone(
                new MaxoutLayer.Builder().nOut(2).pieces(2).build(), InputType.feedForward(2), dt);
        layer.setParam("W", Nd4j.createFromArray(new double[][] {{1, -1, 2, 3}, {0, 1, 1, 0.5}}).castTo(dt));
        layer.setParam("b", Nd4j.createFromArray(new double[][] {{0, 0.5, 0, 0}}).castTo(dt));
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {2, -1}}).castTo(dt);
        INDArray eps = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).castTo(dt);

        LayerChecks.assertValues(new double[][] {{1.5, 4}, {2, 5.5}}, LayerChecks.forward(layer, x), 1e-6, "f");
        Pair<Gradient, INDArray> bp = LayerChecks.backward(layer, x, eps);
        LayerChecks.assertValues(new double[][] {{3, 3}, {15, 2}}, bp.getSecond(), 1e-6, "dL/dx");
        LayerChecks.assertValues(new double[][] {{6, 1, 2, 8}, {-3, 2, 4, -4}},
                bp.getFirst().getGradientFor("W"), 1e-6, "dL/dW");
        LayerChecks.assertValues(new double[][] {{3, 1, 2, 4}}, bp.getFirst().getGradientFor("b"), 1e-6, "dL/db");
        assertEquals(dt, bp.getSecond().dataType());
    }

    /** Maxout(nIn 4 → nOut 3, k = 3) → softmax: W and b of the maxout layer are checked. */
    @Test
    void gradientCheck() {
        NetworkChecks.useDouble();
        assertPiecesApart(NetworkChecks.mln(DataType.DOUBLE, 12345, 4, network()),
                NetworkChecks.features(DataType.DOUBLE, 42, 6, 4));
        LayerChecks.assertGradientChecksPass(4, 6, MaxoutLayerTest::network, 0, Map.of());
    }

    /**
     * Finite differences are only valid away from ties between the winning and the runner-up piece. A
     * perturbation of one parameter by eps = 1e-6 moves a z by at most max|x|·1e-6 (< 1e-5 for these
     * standard-normal inputs), so a gap of at least 1e-4 everywhere keeps the arg-max fixed.
     */
    private static void assertPiecesApart(MultiLayerNetwork net, INDArray x) {
        org.deeplearning4j.nn.api.Layer maxout = net.getLayer(0);
        INDArray z = x.mmul(maxout.getParam("W")).addiRowVector(maxout.getParam("b"));
        int k = 3;
        for (int r = 0; r < z.rows(); r++) {
            for (int j = 0; j < 3; j++) {
                double[] p = new double[k];
                for (int i = 0; i < k; i++) {
                    p[i] = z.getDouble(r, j * k + i);
                }
                Arrays.sort(p);
                assertTrue(p[k - 1] - p[k - 2] > 1e-4, "near tie at row " + r + ", unit " + j + ": " + Arrays.toString(p));
            }
        }
    }

    private static Layer[] network() {
        return new Layer[] {new MaxoutLayer.Builder().nOut(3).pieces(3).build()};
    }

    @Test
    void jsonKeepsTheConfiguration() {
        MaxoutLayer copy = LayerChecks.jsonCopy(new MaxoutLayer.Builder().nOut(3).pieces(5).build(), 4);
        assertEquals(5, copy.getPieces());
        assertEquals(4, copy.getNIn());
        assertEquals(3, copy.getNOut());
    }

    @Test
    void roundTripsAfterTraining() {
        LayerChecks.assertRoundTripsAfterTraining(MaxoutLayerTest::network, 0, MaxoutParamInitializer.WEIGHT_KEY);
    }

    @Test
    void learns() {
        NetworkChecks.assertLearns(network());
    }
}
