package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * rrelu's training-mode behaviour (random slopes, the same slopes in backprop, reproducible with a seed)
 * and why DL4J's own ActivationRReLU is not used: on the same input it gives different, wrong values.
 */
class RreluActivationTest {

    private static final double L = 0.125;
    private static final double U = 1.0 / 3;
    private static final double MID = (L + U) / 2;   // 11/48
    private static final double[] X = {-8, -3, -0.5, 0, 0.5, 3, 6, 8};

    @Test
    void evalModeDiffersFromDl4jsRrelu() {
        double[] ours = new RreluActivation().getActivation(Nd4j.createFromArray(X), false).toDoubleVector();
        double[] theirs = new ActivationRReLU(L, U).getActivation(Nd4j.createFromArray(X), false).toDoubleVector();
        for (int i = 0; i < X.length; i++) {
            // PyTorch eval: x for x >= 0, x (l+u)/2 below
            assertEquals(X[i] >= 0 ? X[i] : X[i] * MID, ours[i], 1e-15, "ours at " + X[i]);
            // DL4J M2: max(x, (l+u)/2) for every x (a thresholded relu): 11/48 for all x <= 0.229...
            assertEquals(Math.max(X[i], MID), theirs[i], 1e-15, "DL4J's at " + X[i]);
        }
        assertFalse(java.util.Arrays.equals(ours, theirs));
    }

    @Test
    void trainingBackpropUsesTheForwardSlopesUnlikeDl4jsRrelu() {
        int n = 2000;
        INDArray x = Nd4j.linspace(-10, 5, n, DataType.DOUBLE);   // two thirds negative
        RreluActivation ours = new RreluActivation();
        Nd4j.getRandom().setSeed(123);
        INDArray y = ours.getActivation(x.dup(), true);
        INDArray g = ours.backprop(x.dup(), Nd4j.ones(DataType.DOUBLE, n)).getFirst();
        double minSlope = 1;
        double maxSlope = 0;
        for (int i = 0; i < n; i++) {
            double xi = x.getDouble(i);
            if (xi > 0) {
                assertEquals(xi, y.getDouble(i), 0.0);
                assertEquals(1.0, g.getDouble(i), 0.0);
            } else {
                double slope = g.getDouble(i);
                assertTrue(slope >= L && slope <= U, "slope " + slope + " outside [l, u]");
                assertEquals(xi * slope, y.getDouble(i), 0.0, "backprop slope differs from the forward one");
                minSlope = Math.min(minSlope, slope);
                maxSlope = Math.max(maxSlope, slope);
            }
        }
        // one slope per element, spread over the interval (not a single draw)
        assertTrue(minSlope < L + 0.02 && maxSlope > U - 0.02, "slopes span " + minSlope + ".." + maxSlope);

        // DL4J's: same forward kind, but backprop is 1 everywhere, also for negative inputs
        ActivationRReLU theirs = new ActivationRReLU(L, U);
        theirs.getActivation(x.dup(), true);
        INDArray theirG = theirs.backprop(x.dup(), Nd4j.ones(DataType.DOUBLE, n)).getFirst();
        assertEquals(n, theirG.sumNumber().doubleValue(), 0.0, "DL4J's RReLU gradient is all ones");
    }

    @Test
    void sameSeedSameSlopesFloatToo() {
        INDArray x = Nd4j.linspace(-4, 1, 500, DataType.FLOAT);
        Nd4j.getRandom().setSeed(7);
        INDArray a = new RreluActivation(0.1, 0.3).getActivation(x.dup(), true);
        Nd4j.getRandom().setSeed(7);
        INDArray b = new RreluActivation(0.1, 0.3).getActivation(x.dup(), true);
        assertArrayEquals(a.toFloatVector(), b.toFloatVector(), 0f);
        Nd4j.getRandom().setSeed(8);
        INDArray c = new RreluActivation(0.1, 0.3).getActivation(x.dup(), true);
        assertFalse(java.util.Arrays.equals(a.toFloatVector(), c.toFloatVector()));
    }

    @Test
    void evalPassClearsSlopesAndOtherShapesFallBackToTheMean() {
        RreluActivation r = new RreluActivation();
        r.getActivation(Nd4j.createFromArray(-1.0, -2.0, -3.0), true);
        // a backprop of another shape cannot use the stored slopes: mean slope
        double[] g = r.backprop(Nd4j.createFromArray(-1.0, 2.0), Nd4j.ones(DataType.DOUBLE, 2)).getFirst()
                .toDoubleVector();
        assertArrayEquals(new double[] {MID, 1}, g, 1e-15);
        // an eval forward clears them: same shape, but mean slope
        r.getActivation(Nd4j.createFromArray(-1.0, -2.0, -3.0), false);
        g = r.backprop(Nd4j.createFromArray(-1.0, -2.0, -3.0), Nd4j.ones(DataType.DOUBLE, 3)).getFirst()
                .toDoubleVector();
        assertArrayEquals(new double[] {MID, MID, MID}, g, 1e-15);
    }

    @Test
    void trainingOnAColumnViewChangesOnlyTheView() {
        INDArray m = Nd4j.linspace(-6, 5, 12, DataType.DOUBLE).reshape(4, 3);
        INDArray before = m.dup();
        INDArray col = m.getColumn(1);
        Nd4j.getRandom().setSeed(1);
        new RreluActivation().getActivation(col, true);
        for (int r = 0; r < 4; r++) {
            double x = before.getDouble(r, 1);
            double y = m.getDouble(r, 1);
            assertTrue(x > 0 ? y == x : y <= x * L && y >= x * U, "row " + r + ": " + x + " -> " + y);
            assertEquals(before.getDouble(r, 0), m.getDouble(r, 0), 0.0);
            assertEquals(before.getDouble(r, 2), m.getDouble(r, 2), 0.0);
        }
    }

    /**
     * The draw is U(lower, upper): on 200,000 float elements (split across threads) all slopes lie
     * in [lower, upper], the mean and variance are those of the uniform law ((l+u)/2, (u-l)^2/12) to within 5
     * standard errors, ten equal bins each hold a tenth of the draws to within 7 standard deviations, neighbouring
     * elements are uncorrelated, and backprop returns exactly the forward slopes.
     */
    @Test
    void floatSlopesAreUniformOnTheIntervalAndBackpropReusesThem() {
        int n = 200_000;
        INDArray x = Nd4j.valueArrayOf(new long[] {400, 500}, -1f, DataType.FLOAT);
        RreluActivation r = new RreluActivation(L, U);
        Nd4j.getRandom().setSeed(99);
        float[] slopes = r.getActivation(x.dup(), true).neg().reshape(n).toFloatVector();
        float[] back = r.backprop(x.dup(), Nd4j.ones(DataType.FLOAT, 400, 500)).getFirst().reshape(n)
                .toFloatVector();
        double sum = 0;
        double sumSq = 0;
        double lag = 0;
        int[] bins = new int[10];
        for (int i = 0; i < n; i++) {
            float a = slopes[i];
            assertTrue(a >= (float) L && a <= (float) U, "slope " + a + " at " + i);
            assertEquals(a, back[i], 0f, "backprop slope at " + i);
            sum += a;
            sumSq += a * (double) a;
            bins[Math.min(9, (int) ((a - L) / (U - L) * 10))]++;
            if (i > 0) {
                lag += (a - MID) * (slopes[i - 1] - MID);
            }
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        double uniformVar = (U - L) * (U - L) / 12;
        assertEquals(MID, mean, 5 * Math.sqrt(uniformVar / n), "mean");
        assertEquals(uniformVar, var, 5 * uniformVar * Math.sqrt(0.8 / n), "variance");   // var of (a-m)^2: 4/5 var^2
        for (int b = 0; b < 10; b++) {
            assertEquals(n / 10.0, bins[b], 7 * Math.sqrt(n * 0.09), "bin " + b);
        }
        assertEquals(0, lag / (n - 1) / uniformVar, 5 / Math.sqrt(n), "lag-1 correlation");
    }
}
