package io.sparkact.layers.runtime;

import static io.sparkact.layers.params.DiceParamInitializer.ALPHA_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.MEAN_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.VAR_KEY;
import static io.sparkact.testing.LayerChecks.forward;
import static io.sparkact.testing.LayerChecks.standalone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.DiceLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Dice's fused float loops ({@link DiceLoops}, taken for dense row-major 2-D float input) against its ND4J-op path
 * (taken for the same values in 'f' order, and for double; 3-D float input is fused too): forward output, dL/dx, dL/dα and the running
 * statistics after the step, in training and eval mode, on random inputs whose units have different offsets and
 * scales. The double ND4J-op path is the reference both float paths must be near; the ND4J-op path itself is
 * checked against an independent implementation in DiceLayerTest. Dice has no mask handling (its statistics
 * ignore masks, see {@link Dice}), so there are no masks to compare.
 */
class DiceFusedPathTest {

    /** Results of one forward and backward pass, as doubles. */
    record Pass(double[] out, double[] dLdx, double[] dAlpha, double[] runMean, double[] runVar) {
    }

    /**
     * Shapes: rows not a multiple of the rows per chunk (4096 / units) and more than 16 chunks (float partial sums
     * flushed to double several times); units that do not divide the chunk; units above the chunk (one row per
     * chunk); a tiny batch. 3001 x 256 and 700 x 100 are above Blocks' parallel threshold (65536 elements): row
     * blocks on two threads when ND4J has two, the second with element blocks that do not end on a row.
     */
    @ParameterizedTest
    @CsvSource({"3001, 256, true", "3001, 256, false", "700, 100, true", "1000, 7, true", "5, 5000, true",
            "5, 5000, false", "2, 3, true"})
    void fusedLoopsMatchTheNd4jOpPath(int rows, int units, boolean training) {
        Nd4j.getRandom().setSeed(rows * 31L + units);
        // unit u: offset 3·sin(u), scale 0.5 + (u mod 4): means far from 0 relative to some spreads
        INDArray offset = Nd4j.create(DataType.DOUBLE, 1, units);
        INDArray scale = Nd4j.create(DataType.DOUBLE, 1, units);
        for (int u = 0; u < units; u++) {
            offset.putScalar(u, 3 * Math.sin(u));
            scale.putScalar(u, 0.5 + (u % 4));
        }
        INDArray x = Nd4j.randn(DataType.DOUBLE, rows, units).muliRowVector(scale).addiRowVector(offset);
        INDArray g = Nd4j.randn(DataType.DOUBLE, rows, units);
        double[] alpha = Nd4j.rand(DataType.DOUBLE, units).muli(2).subi(1).toDoubleVector();
        double[] runMean = offset.add(0.25).toDoubleVector();
        double[] runVar = scale.mul(scale).muli(1.5).toDoubleVector();

        Pass reference = run(DataType.DOUBLE, 'c', x, g, alpha, runMean, runVar, training, false);
        Pass nd4j = run(DataType.FLOAT, 'f', x, g, alpha, runMean, runVar, training, false);
        Pass fused = run(DataType.FLOAT, 'c', x, g, alpha, runMean, runVar, training, true);

        // Relative to the array's largest value. Measured worst (these shapes): ND4J float path f 8e-7, dL/dx 3e-6,
        // dL/dα 1.3e-6 (float reductions); fused f 1.7e-7, dL/dx 6.6e-7, dL/dα 1.7e-7, statistics 1.2e-7 (float
        // terms, double sums). Bounds: several times the measured worst; a dropped term is ~1e-2 (checked).
        assertNear(reference.out, nd4j.out, 4e-6, "nd4j float f");
        assertNear(reference.dLdx, nd4j.dLdx, 2e-5, "nd4j float dL/dx");
        assertNear(reference.dAlpha, nd4j.dAlpha, 1e-5, "nd4j float dL/dalpha");
        assertNear(reference.out, fused.out, 1e-6, "fused f");
        assertNear(reference.dLdx, fused.dLdx, 4e-6, "fused dL/dx");
        assertNear(reference.dAlpha, fused.dAlpha, 1e-6, "fused dL/dalpha");
        assertNear(reference.runMean, fused.runMean, 1e-6, "fused running mean");
        assertNear(reference.runVar, fused.runVar, 1e-6, "fused running variance");
        assertNear(nd4j.runMean, fused.runMean, 1e-6, "fused vs nd4j running mean");
        assertNear(nd4j.runVar, fused.runVar, 1e-6, "fused vs nd4j running variance");
        assertNear(nd4j.out, fused.out, 5e-6, "fused vs nd4j f");
        assertNear(nd4j.dLdx, fused.dLdx, 2.5e-5, "fused vs nd4j dL/dx");
        assertNear(nd4j.dAlpha, fused.dAlpha, 1.1e-5, "fused vs nd4j dL/dalpha");
        if (!training) {
            assertArrayEquals(runMean, fused.runMean, 1e-6, "eval mode must not move the running mean");
        }
    }

    /**
     * 3-D input [batch, units, time] (statistics per unit over batch and time) runs the loops on its rows copy:
     * against the double ND4J-op path, with the fused 2-D bounds. 300 x 64 x 5 is above the parallel threshold.
     */
    @ParameterizedTest
    @CsvSource({"40, 16, 9, true", "40, 16, 9, false", "300, 64, 5, true"})
    void fusedLoopsOnSequenceInput(int batch, int units, int time, boolean training) {
        Nd4j.getRandom().setSeed(batch * 131L + units * 7L + time);
        INDArray x = Nd4j.randn(DataType.DOUBLE, batch, units, time);
        for (int u = 0; u < units; u++) {
            x.get(NDArrayIndex.all(), NDArrayIndex.point(u), NDArrayIndex.all()).muli(0.5 + (u % 4))
                    .addi(3 * Math.sin(u));
        }
        INDArray g = Nd4j.randn(DataType.DOUBLE, batch, units, time);
        double[] alpha = Nd4j.rand(DataType.DOUBLE, units).muli(2).subi(1).toDoubleVector();
        double[] runMean = new double[units];
        double[] runVar = new double[units];
        for (int u = 0; u < units; u++) {
            runMean[u] = 3 * Math.sin(u) + 0.25;
            runVar[u] = 1.5 * (0.5 + (u % 4)) * (0.5 + (u % 4));
        }
        Pass reference = run(DataType.DOUBLE, 'c', x, g, alpha, runMean, runVar, training, false);
        Pass fused = run(DataType.FLOAT, 'c', x, g, alpha, runMean, runVar, training, true);
        assertNear(reference.out, fused.out, 1e-6, "fused f (3-D)");
        assertNear(reference.dLdx, fused.dLdx, 4e-6, "fused dL/dx (3-D)");
        assertNear(reference.dAlpha, fused.dAlpha, 1e-6, "fused dL/dalpha (3-D)");
        assertNear(reference.runMean, fused.runMean, 1e-6, "fused running mean (3-D)");
        assertNear(reference.runVar, fused.runVar, 1e-6, "fused running variance (3-D)");
    }

    /** A constant unit has variance 0: x̂ = 0 exactly (the shift is the value itself), so p = 1/2. */
    @Test
    void constantUnitHasGateOneHalf() {
        double[] alpha = {0.2, -0.6};
        INDArray x = Nd4j.create(new float[] {1.7f, 0.5f, 1.7f, -2f, 1.7f, 3f}, new long[] {3, 2}, 'c');
        Dice layer = dice(DataType.FLOAT, 2, alpha, new double[2], new double[] {1, 1});
        INDArray out = forward(layer, x, true);
        assertTrue(layer.fused(x, out));
        // f = z·(α + (1 − α)/2) = 1.7·0.6 = 1.02 (hand computation)
        for (int r = 0; r < 3; r++) {
            assertEquals(1.02, out.getDouble(r, 0), 1e-6);
        }
    }

    /**
     * The Java gate against the double logistic function (Math.exp) on a fine grid of x̂ over [−40, 40]: the
     * rational tanh is accurate to a couple of float ulps, plus the rounding of 1/2 + t/2 (up to 6e-8 near 1), so
     * |p − sigmoid| stays within 4 ulps of floats just below 1 (2.4e-7; measured 1.65e-7). Saturation to 0 below
     * x̂ = −18 costs at most 1.5e-8.
     */
    @Test
    void gateMatchesTheLogisticFunction() {
        int n = 80001;
        float[] z = new float[n];
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = -40f + i * 0.001f;
        }
        // mean 0.5, inv 2: x̂ = 2·(z − 0.5)
        DiceLoops.Gate gate = new DiceLoops.Gate(new double[] {0.5}, new double[] {2.0}, n);
        gate.sigmoid(z, p, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double xhat = 2.0 * ((double) z[i] - 0.5);
            double exact = 1.0 / (1.0 + Math.exp(-xhat));
            worst = Math.max(worst, Math.abs(p[i] - exact));
            assertTrue(p[i] >= 0f && p[i] <= 1f, "p in [0, 1] at " + xhat);
        }
        assertTrue(worst < 2.4e-7, "worst |p - sigmoid| " + worst);
        float[] half = new float[1];
        gate.sigmoid(new float[] {0.5f}, half, 1);
        assertEquals(0.5f, half[0], "p(0) = 1/2 exactly");
    }

    static Pass run(DataType type, char order, INDArray x, INDArray g, double[] alpha, double[] runMean,
            double[] runVar, boolean training, boolean expectFused) {
        int units = (int) x.size(1);
        Dice layer = dice(type, units, alpha, runMean, runVar);
        INDArray xi = x.castTo(type).dup(order);
        INDArray gi = g.castTo(type).dup(order);
        INDArray out = forward(layer, xi, training);
        assertEquals(expectFused, layer.fused(xi, out), "path taken");
        double[] f = out.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        Pair<Gradient, INDArray> back = layer.backpropGradient(gi, LayerWorkspaceMgr.noWorkspaces());
        double[] dLdx = back.getSecond().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return new Pass(f, dLdx, back.getFirst().getGradientFor(ALPHA_KEY).toDoubleVector(),
                layer.getParam(MEAN_KEY).toDoubleVector(), layer.getParam(VAR_KEY).toDoubleVector());
    }

    static Dice dice(DataType type, int units, double[] alpha, double[] runMean, double[] runVar) {
        Dice layer = (Dice) standalone(new DiceLayer.Builder().units(units).epsilon(1e-5).momentum(0.9).build(),
                type);
        layer.getParam(ALPHA_KEY).assign(Nd4j.create(alpha, new long[] {1, units}).castTo(type));
        layer.getParam(MEAN_KEY).assign(Nd4j.create(runMean, new long[] {1, units}).castTo(type));
        layer.getParam(VAR_KEY).assign(Nd4j.create(runVar, new long[] {1, units}).castTo(type));
        return layer;
    }

    /** |expected − actual| ≤ tol·max(1, max |expected|) elementwise. */
    static void assertNear(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tol * scale, what + ": worst difference " + worst + " at " + at + " (expected "
                + (at < 0 ? "" : expected[at] + ", got " + actual[at]) + "), allowed " + tol * scale);
    }
}
