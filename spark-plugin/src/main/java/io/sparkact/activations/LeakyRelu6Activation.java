package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * Leaky ReLU6: αx for x ≤ 0, x on (0, cap), cap + α_high·(x − cap) above the cap.
 *
 * <p>Combines leaky ReLU (Maas et al. 2013) with ReLU6's cap (Krizhevsky 2010; Howard et al. 2017,
 * "MobileNets"): the negative side never dies, and α_high &gt; 0 optionally lets saturated units keep a
 * small gradient; α_high = 0 is ReLU6's hard cap. With α = 0, α_high = 0, cap = 6 it is relu6.
 *
 * <p>Kinks: f′(0) = α (negative side), f′(cap) = α_high (outer piece).
 */
public class LeakyRelu6Activation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "lrelu6";
    /** Slope for x ≤ 0. */
    public static final Param ALPHA = Param.real("alpha", 0.01, Range.closed(0.0, 1.0), "slope for x <= 0");
    /** Where the identity piece ends. */
    public static final Param CAP = Param.real("cap", 6.0, Range.greaterThan(0.0), "upper end of the identity piece");
    /** Slope above the cap (0: hard cap). */
    public static final Param ALPHA_HIGH = Param.real("alpha_high", 0.0, Range.closed(0.0, 1.0),
            "slope above the cap (0 is a hard cap)");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(ALPHA, CAP, ALPHA_HIGH);

    private double alpha;
    private double cap;
    private double alphaHigh;

    /** With the declared defaults (see {@link #PARAMS}). */
    public LeakyRelu6Activation() {
        this(((Number) ALPHA.defaultValue()).doubleValue(), ((Number) CAP.defaultValue()).doubleValue(),
                ((Number) ALPHA_HIGH.defaultValue()).doubleValue());
    }

    /**
     * @param alpha     see {@link #ALPHA}
     * @param cap       see {@link #CAP}
     * @param alphaHigh see {@link #ALPHA_HIGH}
     */
    public LeakyRelu6Activation(double alpha, double cap, double alphaHigh) {
        this.alpha = ALPHA.check(NAME, alpha);
        this.cap = CAP.check(NAME, cap);
        this.alphaHigh = ALPHA_HIGH.check(NAME, alphaHigh);
    }

    public double getAlpha() {
        return alpha;
    }

    public double getCap() {
        return cap;
    }

    public double getAlphaHigh() {
        return alphaHigh;
    }

    @Override
    protected double f(double x) {
        if (x <= 0.0) {
            return alpha * x;
        }
        return x < cap ? x : cap + alphaHigh * (x - cap);
    }

    @Override
    protected double df(double x) {
        if (x <= 0.0) {
            return alpha;
        }
        return x < cap ? 1.0 : alphaHigh;
    }

    @Override
    protected float f(float x) {
        return f(x, (float) alpha, (float) cap, (float) alphaHigh);
    }

    @Override
    protected float df(float x) {
        return df(x, (float) alpha, (float) cap, (float) alphaHigh);
    }

    @Override
    protected void forward(float[] buf, int len) {
        float a = (float) alpha;
        float c = (float) cap;
        float ah = (float) alphaHigh;
        for (int i = 0; i < len; i++) {
            buf[i] = f(buf[i], a, c, ah);
        }
    }

    @Override
    protected void backward(float[] buf, float[] eps, int len) {
        float a = (float) alpha;
        float c = (float) cap;
        float ah = (float) alphaHigh;
        for (int i = 0; i < len; i++) {
            buf[i] = df(buf[i], a, c, ah) * eps[i];
        }
    }

    private static float f(float x, float a, float c, float ah) {
        // branch-free: at most one of the three terms is non-zero
        return a * Math.min(x, 0f) + Math.min(Math.max(x, 0f), c) + ah * Math.max(x - c, 0f);
    }

    private static float df(float x, float a, float c, float ah) {
        // above0 is 1 for x > 0, atCap 1 for x >= cap (< cap: c - x > 0), so above0 - atCap is 1 inside; exactly one
        // of the three terms is non-zero and each product is exact. -(x - c), not c - x: see PointwiseActivation
        float above0 = step(x);
        float atCap = 1f - step(-(x - c));
        return (1f - above0) * a + (above0 - atCap) + atCap * ah;
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
        return new double[] {alpha, cap, alphaHigh};
    }
}
