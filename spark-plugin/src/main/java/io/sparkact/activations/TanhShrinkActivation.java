package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Tanh shrink: f(x) = x − tanh x, f′(x) = tanh² x (PyTorch {@code nn.Tanhshrink}).
 *
 * <p>x − tanh x cancels near 0 (f ≈ x³/3): formed as written it loses about log10(3/x²) digits, all of float's
 * below |x| ≈ 0.3 and all of double's below ≈ 1e-8. So for small |x| f is the Taylor series of x − tanh x
 * (coefficients below), for larger |x| it is (|x| − 1) + 2e/(1 + e) with e = e^(−2|x|), i.e. |x| − tanh|x| with
 * 1 − tanh|x| = 2e/(1 + e) kept whole instead of subtracted from 1 (|x| − 1 is exact for 1/2 ≤ |x| ≤ 2, by
 * Sterbenz's lemma), with x's sign. Float arrays take e from ND4J's native exp ({@link ExpActivation}).
 */
public class TanhShrinkActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "tanhshrink";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public TanhShrinkActivation() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    protected double[] paramValues() {
        return new double[0];
    }

    /**
     * Taylor coefficients of x − tanh x at 0: c[k] is the coefficient of x^(2k+3) (1/3, −2/15, 17/315, …; tanh's
     * series from its Bernoulli-number form, e.g. Abramowitz &amp; Stegun 4.5.64, or from the recurrence that
     * tanh′ = 1 − tanh², which is how the test derives its reference). Ratio of successive terms ≈ −(2x/π)².
     */
    static final double[] SERIES = {
        1.0 / 3, -2.0 / 15, 17.0 / 315, -62.0 / 2835, 1382.0 / 155925, -21844.0 / 6081075, 929569.0 / 638512875,
        -6404582.0 / 10854718875.0, 443861162.0 / 1856156927625.0, -18888466084.0 / 194896477400625.0,
        113927491862.0 / 2900518163668125.0, -58870668456604.0 / 3698160658676859375.0};

    /**
     * Below this |x| the double path uses 8 terms of {@link #SERIES} (truncation below 1e-19 relative at 0.1); at
     * and above it x − tanh x has lost at most 4 of double's 16 digits (3/x² ≈ 300 at 0.1).
     */
    private static final double DOUBLE_SERIES_BELOW = 0.1;

    /**
     * Below this |x| the float path uses all 12 terms of {@link #SERIES} (truncation 2e-8 relative at 0.8, the next
     * term's ratio being (2·0.8/π)² ≈ 0.26); at and above it (|x| − 1) + 2e/(1 + e) amplifies e's error by
     * (1 − tanh|x|)/f ≤ 2.5, about 6.6e-7 relative at most with e two float ulps off (simulated in numpy float32
     * against an mpmath reference over k/4096 on (0, 2): 3.9e-7 with a correctly rounded e).
     */
    static final float FLOAT_SERIES_BELOW = 0.8f;

    // SERIES in float, as static final fields: C2 folds them into the loop (array elements it would load)
    private static final float S0 = (float) SERIES[0];
    private static final float S1 = (float) SERIES[1];
    private static final float S2 = (float) SERIES[2];
    private static final float S3 = (float) SERIES[3];
    private static final float S4 = (float) SERIES[4];
    private static final float S5 = (float) SERIES[5];
    private static final float S6 = (float) SERIES[6];
    private static final float S7 = (float) SERIES[7];
    private static final float S8 = (float) SERIES[8];
    private static final float S9 = (float) SERIES[9];
    private static final float S10 = (float) SERIES[10];
    private static final float S11 = (float) SERIES[11];

    @Override
    protected double f(double x) {
        double a = Math.abs(x);
        if (a < DOUBLE_SERIES_BELOW) {
            double a2 = a * a;
            double p = SERIES[7];
            for (int k = 6; k >= 0; k--) {
                p = SERIES[k] + a2 * p;
            }
            return x * a2 * p;
        }
        return x - Math.tanh(x);
    }

    @Override
    protected double df(double x) {
        double t = Math.tanh(x);
        return t * t;
    }

    // float arrays (ExpActivation): t = e^(-2|x|) natively (no overflow), forward as in the class comment, branch-free
    // (both forms evaluated, the series at |x| clamped to the switch so that it stays finite, one selected by a step);
    // backward tanh^2 x with tanh|x| = -u/(2+u), u = expm1(-2|x|) as TanhActivation (f' = tanh^2 does not cancel)
    @Override
    protected float forwardArg(float x) {
        return -2f * Math.abs(x);
    }

    @Override
    protected float fromForward(float x, float t) {
        return select(x, large(x, t));
    }

    // the same values as fromForward, in two loops: one loop over both forms is too long for C2 to unroll and vectorise
    @Override
    protected void combineForward(float[] x, float[] e, int len) {
        for (int i = 0; i < len; i++) {
            e[i] = large(x[i], e[i]);
        }
        for (int i = 0; i < len; i++) {
            x[i] = select(x[i], e[i]);
        }
    }

    /**
     * x − tanh x = ±((|x| − 1) + 2t/(1 + t)) from t = e^(−2|x|), with x's sign (2·step(x) − 1, exact): the form for
     * |x| ≥ 0.8.
     */
    private static float large(float x, float t) {
        return (2f * step(x) - 1f) * ((Math.abs(x) - 1f) + 2f * t / (1f + t));
    }

    /**
     * f(x) from x and large(x, t): the series below |x| = 0.8, else {@code large}. The series is odd and evaluated
     * at x clamped to ±0.8, so it carries x's sign itself (no sign step in this loop: with one, the body was a few
     * nodes over C2's unroll limit).
     */
    private static float select(float x, float large) {
        float c = Math.max(Math.min(x, FLOAT_SERIES_BELOW), -FLOAT_SERIES_BELOW);
        float c2 = c * c;
        float p = S0 + c2 * (S1 + c2 * (S2 + c2 * (S3 + c2 * (S4 + c2 * (S5 + c2 * (S6 + c2 * (S7 + c2 * (S8
                + c2 * (S9 + c2 * (S10 + c2 * S11))))))))));
        float small = step(FLOAT_SERIES_BELOW - Math.abs(x));   // 1 for |x| < 0.8
        return small * (c * c2 * p) + (1f - small) * large;
    }

    @Override
    protected float backwardArg(float x) {
        return -2f * Math.abs(x);
    }

    @Override
    protected float fromBackward(float x, float t) {
        float u = expm1(-2f * Math.abs(x), t);
        float th = u / (2f + u);   // -tanh|x|; squared, the sign does not matter
        return th * th;
    }
}
