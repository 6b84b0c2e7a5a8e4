package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float paths of the two activations whose formula cancels: tanhshrink's f = x − tanh x near 0 (f ≈ x³/3) and
 * swish's f′ = s + βx·s(1 − s) near its root βx ≈ −1.2785, where the two terms are ±0.218. Against references
 * computed here independently of the classes, on points that include the cancellation regions densely: uniform on
 * [−30, 30], the grid k/4096 on [−4, 4], ±2^−k·(1 + j/8) down to 2^−140, and every float within 3000 ulps of
 * swish's root for β = 1 and β = 0.5. Each check also runs the naive float formula on the same points and asserts
 * that it fails: the points do reach the cancellation.
 */
class CancellationAccuracyTest {

    /** Relative tolerance: the package's float contract (about 8 float ulps). */
    static final double REL = 1e-6;

    /** Absolute floor for f′ near a root, where no relative bound can hold: the package's float contract. */
    static final double ABS = 1e-9;

    // ---- tanhshrink ----

    /**
     * Taylor coefficients of tanh from tanh′ = 1 − tanh²: with tanh x = Σ a_n x^n, (n+1)·a_{n+1} = [n = 0] −
     * Σ_{i+j=n} a_i a_j (a_0 = 0). Derived here, not read from the class's table.
     */
    private static double[] tanhSeries(int terms) {
        double[] a = new double[terms];
        for (int n = 0; n + 1 < terms; n++) {
            double sq = 0;
            for (int i = 0; i <= n; i++) {
                sq += a[i] * a[n - i];
            }
            a[n + 1] = ((n == 0 ? 1 : 0) - sq) / (n + 1);
        }
        return a;
    }

    private static final double[] TANH = tanhSeries(80);

    /**
     * x − tanh x in double to ~1e-15 relative: below |x| = 0.5 the series x − Σ a_n x^n from x³ (terms shrink by
     * ≈ (2x/π)² ≤ 0.1, 80 coefficients are far beyond double), above it the formula itself (loses at most
     * log10(3/x²) ≈ 1.1 digits there).
     */
    static double tanhshrinkRef(double x) {
        if (Math.abs(x) >= 0.5) {
            return x - Math.tanh(x);
        }
        double sum = 0;
        for (int n = TANH.length - 1; n >= 3; n--) {
            sum = sum * x + (-TANH[n]);
        }
        return sum * x * x * x;
    }

    @Test
    void referenceSeriesMatchesKnownCoefficientsAndTheFormula() {
        assertEquals(1.0, TANH[1], 0);
        assertEquals(-1.0 / 3, TANH[3], 1e-17);
        assertEquals(2.0 / 15, TANH[5], 1e-17);
        assertEquals(-17.0 / 315, TANH[7], 1e-17);
        assertEquals(0.0, TANH[4], 0);
        // where the formula still keeps 13+ digits, the series agrees with it
        for (double x = 0.1; x < 0.5; x += 0.01) {
            assertEquals(x - Math.tanh(x), tanhshrinkRef(x), 1e-13 * tanhshrinkRef(x), "x = " + x);
        }
        // and with the class's own table (SERIES) term by term
        for (int k = 0; k < TanhShrinkActivation.SERIES.length; k++) {
            assertEquals(-TANH[2 * k + 3], TanhShrinkActivation.SERIES[k], 1e-14 * Math.abs(TANH[2 * k + 3]), "k " + k);
        }
    }

    @Test
    void tanhshrinkFloatForwardIsRelativelyAccurate() {
        double[] xs = points(0);
        double[] got = new TanhShrinkActivation().getActivation(floats(xs), false).castTo(DataType.DOUBLE)
                .toDoubleVector();
        double worst = check("tanhshrink f", xs, got, CancellationAccuracyTest::tanhshrinkRef, 0);
        assertTrue(worst <= REL, "tanhshrink f: relative error " + worst);
        // the naive float formula on the same points: x − tanh x in float arithmetic, tanh correctly rounded
        double[] naive = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            float x = (float) xs[i];
            naive[i] = x - (float) Math.tanh(x);
        }
        assertFalse(check("tanhshrink f, naive float", xs, naive, CancellationAccuracyTest::tanhshrinkRef, 0) <= REL);
    }

    @Test
    void tanhshrinkFloatBackwardIsRelativelyAccurate() {
        double[] xs = points(0);
        double[] got = new TanhShrinkActivation().backprop(floats(xs), Nd4j.ones(DataType.FLOAT, xs.length))
                .getFirst().castTo(DataType.DOUBLE).toDoubleVector();
        double worst = check("tanhshrink f'", xs, got, x -> Math.tanh(x) * Math.tanh(x), 0);
        assertTrue(worst <= REL, "tanhshrink f': relative error " + worst);
    }

    /** The double path (gradient checks) is relatively accurate too: it uses the series near 0. */
    @Test
    void tanhshrinkDoubleForwardIsRelativelyAccurate() {
        double[] xs = points(0);
        double[] got = new TanhShrinkActivation().getActivation(Nd4j.createFromArray(xs), false).toDoubleVector();
        double worst = check("tanhshrink f (double)", xs, got, CancellationAccuracyTest::tanhshrinkRef, 0);
        assertTrue(worst <= 1e-13, "tanhshrink double f: relative error " + worst);
    }

    // ---- swish ----

    /** f′ of swish in double, written from the definition s = 1/(1 + e^(−βx)) (no cancellation-free rewriting). */
    static double swishSlopeRef(double beta, double x) {
        double s = 1.0 / (1.0 + Math.exp(-beta * x));
        return s + beta * x * s * (1.0 - s);
    }

    @Test
    void swishFloatBackwardMeetsTheContractNearItsRoot() {
        for (double beta : new double[] {1.0, 0.5, 2.0}) {
            double[] xs = points(beta);
            double[] got = new SwishActivation(beta).backprop(floats(xs), Nd4j.ones(DataType.FLOAT, xs.length))
                    .getFirst().castTo(DataType.DOUBLE).toDoubleVector();
            double worst = check("swish(beta=" + beta + ") f'", xs, got, x -> swishSlopeRef(beta, x), ABS);
            assertTrue(worst <= REL, "swish(beta=" + beta + ") f': error " + worst);
            // naive float: s correctly rounded to float, the rest in float arithmetic
            double[] naive = new double[xs.length];
            float b = (float) beta;
            for (int i = 0; i < xs.length; i++) {
                float x = (float) xs[i];
                float s = (float) (1.0 / (1.0 + Math.exp(-beta * x)));
                naive[i] = s + b * x * s * (1f - s);
            }
            assertFalse(check("swish(beta=" + beta + ") f', naive float", xs, naive, x -> swishSlopeRef(beta, x), ABS)
                    <= REL);
        }
    }

    /** backprop multiplies by epsilon: f′·ε on the double-exp path, for ε of both signs. */
    @Test
    void swishFloatBackwardScalesByEpsilon() {
        double[] xs = points(1.0);
        double[] eps = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            eps[i] = (i % 5) - 2.5;
        }
        double[] got = new SwishActivation().backprop(floats(xs), floats(eps)).getFirst().castTo(DataType.DOUBLE)
                .toDoubleVector();
        double[] scaled = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            scaled[i] = got[i] / (float) eps[i];
        }
        double worst = check("swish f' eps", xs, scaled, x -> swishSlopeRef(1.0, x), ABS);
        assertTrue(worst <= REL, "swish f'*eps: error " + worst);
    }

    /**
     * The double temporary of swish's backward pass has the input's shape and order: an 'f'-ordered array (large
     * enough to be split across threads) gives bit for bit the values of the same elements in 'c' order.
     */
    @Test
    void swishFloatBackwardIsTheSameInEitherOrder() {
        INDArray x = Nd4j.linspace(-6, 6, 400 * 300, DataType.DOUBLE).castTo(DataType.FLOAT).reshape('c', 400, 300);
        INDArray eps = Nd4j.linspace(-2, 3, 400 * 300, DataType.DOUBLE).castTo(DataType.FLOAT).reshape('c', 400, 300);
        INDArray inC = x.dup('c');
        INDArray inF = x.dup('f');
        new SwishActivation().backprop(inC, eps.dup('c'));
        new SwishActivation().backprop(inF, eps.dup('f'));
        assertEquals(inC, inF.dup('c'));
        assertFalse(inC.equals(x), "backprop wrote its result");
    }

    // ---- helpers ----

    /**
     * Largest error of {@code got} against {@code ref}, as a multiple that must be ≤ {@link #REL}: |got − ref| /
     * max(|ref|, Float.MIN_NORMAL, abs / REL). So relative in float's normal range, and with {@code abs} &gt; 0 an
     * absolute bound {@code abs} where |ref| &lt; abs / REL.
     */
    private static double check(String what, double[] xs, double[] got, DoubleUnaryOperator ref, double abs) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < xs.length; i++) {
            double r = ref.applyAsDouble(xs[i]);
            double err = Math.abs(got[i] - r) / Math.max(Math.max(Math.abs(r), Float.MIN_NORMAL), abs / REL);
            if (!(err <= worst)) {   // NaN counts as worst
                worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                at = i;
            }
        }
        if (System.getProperty("sparkact.printAccuracy") != null) {
            System.out.printf("%s: worst %.3g at x = %s (expected %s, got %s)%n", what, worst,
                    at < 0 ? "" : (float) xs[at], at < 0 ? "" : ref.applyAsDouble(xs[at]), at < 0 ? "" : got[at]);
        }
        return worst;
    }

    private static INDArray floats(double[] xs) {
        return Nd4j.createFromArray(xs).castTo(DataType.FLOAT);
    }

    /** The test points, all exact floats (see the class comment); with β &gt; 0 also the floats around −1.2785/β. */
    private static double[] points(double beta) {
        double[] xs = new double[400_000];
        int n = 0;
        Random r = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            xs[n++] = (float) (r.nextDouble() * 60 - 30);
        }
        for (int k = -4 * 4096; k <= 4 * 4096; k++) {
            xs[n++] = k / 4096.0;
        }
        for (int k = 1; k <= 140; k++) {
            for (int j = 0; j < 8; j++) {
                double v = (float) ((1 + j / 8.0) * Math.scalb(1.0, -k));
                xs[n++] = v;
                xs[n++] = -v;
            }
        }
        if (beta > 0) {
            // f'(x) = 0 where 1 + beta x (1 - s) = 0: beta x = -1.27846454 (solved by bisection, see rootOfSwishSlope)
            float root = (float) (rootOfSwishSlope() / beta);
            float v = root;
            for (int i = 0; i < 3000; i++) {
                v = Math.nextDown(v);
            }
            for (int i = 0; i < 6000; i++) {
                xs[n++] = v;
                v = Math.nextUp(v);
            }
        }
        return Arrays.copyOf(xs, n);
    }

    /** The root of 1 + y(1 − sigmoid(y)) (swish′ = s·that, β = 1) by bisection on [−2, −1]. */
    private static double rootOfSwishSlope() {
        double lo = -2;
        double hi = -1;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            double g = 1 + mid * (1 - 1 / (1 + Math.exp(-mid)));
            if (g < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    @Test
    void rootIsWhereTheTwoTermsCancel() {
        double y = rootOfSwishSlope();
        assertEquals(-1.2785, y, 1e-4);
        assertEquals(0.0, swishSlopeRef(1.0, y), 1e-15);
    }
}
