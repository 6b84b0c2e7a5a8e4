package io.sparkact.layers;

import static io.sparkact.layers.params.DiceParamInitializer.ALPHA_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.MEAN_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.VAR_KEY;
import static io.sparkact.testing.LayerChecks.backward;
import static io.sparkact.testing.LayerChecks.forward;
import static io.sparkact.testing.LayerChecks.matrix;
import static io.sparkact.testing.LayerChecks.standalone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/**
 * Dice on its own: defaults, parameter validation and golden values of the forward and backward pass.
 * Expected values come from {@link DiceReference} (plain-Java double implementation of the paper's formula,
 * gradients by central finite differences of it) or from hand computation where noted.
 */
class DiceLayerTest {

    /** A tiny batch: 4 examples × 2 units, α ≠ 0 (one positive, one negative), an arbitrary upstream g. */
    static final double[][] Z = {{0.5, -1.2}, {-0.3, 0.8}, {1.7, 0.1}, {-0.9, 2.4}};
    static final double[] ALPHA = {0.25, -0.5};
    static final double[][] G = {{1.0, -0.5}, {0.3, 2.0}, {-1.5, 0.7}, {0.8, -0.2}};
    static final double EPS = 1e-9;
    /** Finite-difference step and the tolerance it allows (truncation error ~h² ≈ 1e-10). */
    static final double H = 1e-5;
    static final double GRAD_TOL = 1e-7;

    static Layer dice(DataType dataType, int units, double... alpha) {
        Layer layer = standalone(new DiceLayer.Builder().units(units).build(), dataType);
        if (alpha.length > 0) {
            layer.getParam(ALPHA_KEY).assign(Nd4j.create(alpha, new long[] {1, units}).castTo(dataType));
        }
        return layer;
    }

    static double[][] toArray(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    static void assertMatrixEquals(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol, what + ", row " + i);
        }
    }

    @Test
    void defaults() {
        assertEquals("dice", DiceLayer.NAME);
        assertEquals(List.of("epsilon", "momentum"), DiceLayer.PARAMS.stream().map(p -> p.name()).toList());
        assertEquals(1e-9, DiceLayer.EPSILON.defaultValue());
        assertEquals(0.99, DiceLayer.MOMENTUM.defaultValue());
        DiceLayer conf = new DiceLayer.Builder().units(3).build();
        assertEquals(1e-9, conf.getEpsilon());
        assertEquals(0.99, conf.getMomentum());
        assertEquals(3, conf.getNIn());
        assertEquals(3, conf.getNOut());
        assertEquals("alpha", ALPHA_KEY);
        assertEquals("mean", MEAN_KEY);
        assertEquals("var", VAR_KEY);

        Layer layer = standalone(conf, DataType.DOUBLE);
        assertEquals(List.of(ALPHA_KEY, MEAN_KEY, VAR_KEY), List.copyOf(layer.paramTable().keySet()));
        assertArrayEquals(new long[] {1, 3}, layer.getParam(ALPHA_KEY).shape());
        assertArrayEquals(new long[] {1, 3}, layer.getParam(MEAN_KEY).shape());
        assertArrayEquals(new long[] {1, 3}, layer.getParam(VAR_KEY).shape());
        assertArrayEquals(new double[] {0, 0, 0}, layer.getParam(ALPHA_KEY).toDoubleVector(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0}, layer.getParam(MEAN_KEY).toDoubleVector(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1}, layer.getParam(VAR_KEY).toDoubleVector(), 0.0);
    }

    @Test
    void runningStatisticsAreNotTrainedNorRegularised() {
        DiceLayer conf = new DiceLayer.Builder().units(2).updater(new Adam(0.1)).l2(0.5).build();
        assertInstanceOf(NoOp.class, conf.getUpdaterByParam(MEAN_KEY));
        assertInstanceOf(NoOp.class, conf.getUpdaterByParam(VAR_KEY));
        assertInstanceOf(Adam.class, conf.getUpdaterByParam(ALPHA_KEY));
        assertTrue(conf.getRegularizationByParam(MEAN_KEY).isEmpty());
        assertTrue(conf.getRegularizationByParam(VAR_KEY).isEmpty());
        assertInstanceOf(L2Regularization.class, conf.getRegularizationByParam(ALPHA_KEY).get(0));
    }

    @Test
    void customParametersAndInputTypes() {
        DiceLayer conf = new DiceLayer.Builder().epsilon(1e-5).momentum(0).build();
        assertEquals(1e-5, conf.getEpsilon());
        assertEquals(0.0, conf.getMomentum());
        conf.setNIn(InputType.recurrent(5, 7), true);
        assertEquals(5, conf.getNOut());
        assertEquals(InputType.recurrent(5, 7), conf.getOutputType(0, InputType.recurrent(5, 7)));
        assertEquals(InputType.feedForward(5), conf.getOutputType(0, InputType.feedForward(5)));
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badEpsilon() {
        String allowed = "; allowed: 0 < epsilon <= 1";
        assertEquals("dice parameter epsilon given invalid value 0" + allowed,
                message(() -> new DiceLayer.Builder().epsilon(0).build()));
        assertEquals("dice parameter epsilon given invalid value -1.0E-9" + allowed,
                message(() -> new DiceLayer.Builder().epsilon(-1e-9).build()));
        assertEquals("dice parameter epsilon given invalid value 1.5" + allowed,
                message(() -> new DiceLayer.Builder().epsilon(1.5).build()));
        assertEquals("dice parameter epsilon given invalid value NaN" + allowed,
                message(() -> new DiceLayer.Builder().epsilon(Double.NaN).build()));
        assertEquals("dice parameter epsilon given invalid value Infinity" + allowed,
                message(() -> new DiceLayer.Builder().epsilon(Double.POSITIVE_INFINITY).build()));
    }

    @Test
    void badMomentum() {
        String allowed = "; allowed: 0 <= momentum < 1";
        assertEquals("dice parameter momentum given invalid value 1" + allowed,
                message(() -> new DiceLayer.Builder().momentum(1).build()));
        assertEquals("dice parameter momentum given invalid value -0.1" + allowed,
                message(() -> new DiceLayer.Builder().momentum(-0.1).build()));
        assertEquals("dice parameter momentum given invalid value NaN" + allowed,
                message(() -> new DiceLayer.Builder().momentum(Double.NaN).build()));
    }

    @Test
    void badUnits() {
        assertEquals("dice parameter nOut given invalid value 4; allowed: nOut == nIn (3)",
                message(() -> new DiceLayer.Builder().nIn(3).nOut(4).build()));
        DiceLayer conf = new DiceLayer.Builder().units(4).build();
        assertEquals("dice parameter nOut given invalid value 4; allowed: nOut == nIn (3)",
                message(() -> conf.setNIn(InputType.feedForward(3), true)));
    }

    /** Hand values: eval mode at the initial state (mean 0, var 1, α 0) is f = z·σ(z), f' = σ + z·σ(1 − σ). */
    @Test
    void evalAtInitialStateIsZTimesSigmoid() {
        Layer layer = dice(DataType.DOUBLE, 3);
        INDArray x = matrix(DataType.DOUBLE, new double[][] {{2, -2, 0}});
        // σ(2) = 0.8807970779778823 (computed with a calculator); ε = 1e-9 shifts these by < 1e-8.
        assertArrayEquals(new double[] {1.7615941559557646, -0.2384058440442351, 0.0},
                forward(layer, x, false).toDoubleVector(), 1e-8);
        assertArrayEquals(new double[] {1.0907842487848955, -0.09078424878489547, 0.5},
                backward(layer, Nd4j.onesLike(x)).toDoubleVector(), 1e-8);
    }

    @Test
    void trainingForwardAndBackwardMatchReference() {
        Layer layer = dice(DataType.DOUBLE, 2, ALPHA);
        INDArray out = forward(layer, matrix(DataType.DOUBLE, Z), true);
        assertMatrixEquals(DiceReference.forwardTraining(Z, ALPHA.clone(), EPS), toArray(out), 1e-12, "f");

        Pair<Gradient, INDArray> back =
                layer.backpropGradient(matrix(DataType.DOUBLE, G), LayerWorkspaceMgr.noWorkspaces());
        Gradient grads = back.getFirst();
        INDArray dz = back.getSecond();
        double[][] expectedDz = DiceReference.gradZ(copy(Z), ALPHA.clone(), G, null, null, EPS, true, H);
        assertMatrixEquals(expectedDz, toArray(dz), GRAD_TOL, "dL/dz (training)");
        double[] expectedDAlpha = DiceReference.gradAlpha(copy(Z), ALPHA.clone(), G, null, null, EPS, true, H);
        assertArrayEquals(expectedDAlpha, grads.getGradientFor(ALPHA_KEY).toDoubleVector(), GRAD_TOL, "dL/dα");
        assertArrayEquals(new double[2], grads.getGradientFor(MEAN_KEY).toDoubleVector(), 0.0);
        assertArrayEquals(new double[2], grads.getGradientFor(VAR_KEY).toDoubleVector(), 0.0);
    }

    @Test
    void evalForwardAndBackwardUseRunningStatistics() {
        double[] mean = {0.5, -1.0};
        double[] var = {2.0, 0.25};
        Layer layer = dice(DataType.DOUBLE, 2, ALPHA);
        layer.getParam(MEAN_KEY).assign(Nd4j.create(mean, new long[] {1, 2}));
        layer.getParam(VAR_KEY).assign(Nd4j.create(var, new long[] {1, 2}));
        INDArray out = forward(layer, matrix(DataType.DOUBLE, Z), false);
        assertMatrixEquals(DiceReference.forward(Z, ALPHA, mean, var, EPS), toArray(out), 1e-12, "f (eval)");
        // Eval mode must not move the running statistics.
        assertArrayEquals(mean, layer.getParam(MEAN_KEY).toDoubleVector(), 0.0);
        assertArrayEquals(var, layer.getParam(VAR_KEY).toDoubleVector(), 0.0);

        Pair<Gradient, INDArray> back =
                layer.backpropGradient(matrix(DataType.DOUBLE, G), LayerWorkspaceMgr.noWorkspaces());
        Gradient grads = back.getFirst();
        INDArray dz = back.getSecond();
        assertMatrixEquals(DiceReference.gradZ(copy(Z), ALPHA.clone(), G, mean, var, EPS, false, H),
                toArray(dz), GRAD_TOL, "dL/dz (eval)");
        assertArrayEquals(DiceReference.gradAlpha(copy(Z), ALPHA.clone(), G, mean, var, EPS, false, H),
                grads.getGradientFor(ALPHA_KEY).toDoubleVector(), GRAD_TOL, "dL/dα (eval)");
    }

    @Test
    void floatMatchesReference() {
        Layer layer = dice(DataType.FLOAT, 2, ALPHA);
        INDArray out = forward(layer, matrix(DataType.FLOAT, Z), true);
        assertEquals(DataType.FLOAT, out.dataType());
        assertMatrixEquals(DiceReference.forwardTraining(Z, ALPHA.clone(), EPS), toArray(out), 1e-5, "f (float)");
        INDArray dz = backward(layer, matrix(DataType.FLOAT, G));
        assertEquals(DataType.FLOAT, dz.dataType());
        assertMatrixEquals(DiceReference.gradZ(copy(Z), ALPHA.clone(), G, null, null, EPS, true, H),
                toArray(dz), 1e-4, "dL/dz (float)");
    }

    /** running_k = m·running_{k−1} + (1 − m)·batch_k from mean 0 / variance 1, batches of different data. */
    @Test
    void runningStatisticsFollowTheMovingAverage() {
        double m = 0.9;
        Layer layer = standalone(new DiceLayer.Builder().units(2).momentum(m).build(), DataType.DOUBLE);
        double[] runMean = {0, 0};
        double[] runVar = {1, 1};
        for (int k = 0; k < 3; k++) {
            double[][] batch = copy(Z);
            for (double[] row : batch) {
                row[0] = row[0] * (k + 1) + k;
                row[1] = row[1] - 2 * k;
            }
            forward(layer, matrix(DataType.DOUBLE, batch), true);
            double[] bm = DiceReference.mean(batch);
            double[] bv = DiceReference.variance(batch);
            for (int j = 0; j < 2; j++) {
                runMean[j] = m * runMean[j] + (1 - m) * bm[j];
                runVar[j] = m * runVar[j] + (1 - m) * bv[j];
            }
        }
        assertArrayEquals(runMean, layer.getParam(MEAN_KEY).toDoubleVector(), 1e-12);
        assertArrayEquals(runVar, layer.getParam(VAR_KEY).toDoubleVector(), 1e-12);
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
