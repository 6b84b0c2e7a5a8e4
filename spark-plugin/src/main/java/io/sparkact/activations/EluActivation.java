package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * ELU: f(x) = x for x > 0, α(e^x − 1) otherwise (Clevert et al. 2016, "Fast and Accurate Deep Network
 * Learning by Exponential Linear Units"; PyTorch {@code nn.ELU}).
 *
 * <p>f′(x) = 1 for x > 0 and αe^x otherwise, so f′(0) = α (negative-side rule).
 */
public class EluActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "elu";
    /** Saturation value −α for x → −∞. */
    public static final Param ALPHA = Param.real("alpha", 1.0, Range.atLeast(0.0), "negative saturation level");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(ALPHA);

    private double alpha;

    /** With the declared defaults (see {@link #PARAMS}). */
    public EluActivation() {
        this(((Number) ALPHA.defaultValue()).doubleValue());
    }

    /** @param alpha see {@link #ALPHA} */
    public EluActivation(double alpha) {
        this.alpha = ALPHA.check(NAME, alpha);
    }

    public double getAlpha() {
        return alpha;
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
        return new double[] {alpha};
    }

    @Override
    protected double f(double x) {
        return x > 0.0 ? x : alpha * Math.expm1(x);
    }

    @Override
    protected double df(double x) {
        return x > 0.0 ? 1.0 : alpha * Math.exp(x);
    }

    // float arrays (ExpActivation): t = e^min(x, 0) natively; f = max(x, 0) + alpha expm1(min(x, 0)) (the second
    // term 0 for x > 0); f' = 1 for x > 0, alpha t otherwise (exactly one term non-zero)
    @Override
    protected float forwardArg(float x) {
        return Math.min(x, 0f);
    }

    @Override
    protected float fromForward(float x, float t) {
        return Math.max(x, 0f) + (float) alpha * expm1(Math.min(x, 0f), t);
    }

    @Override
    protected float backwardArg(float x) {
        return Math.min(x, 0f);
    }

    @Override
    protected float fromBackward(float x, float t) {
        float p = step(x);
        return p + (1f - p) * (float) alpha * t;
    }
}
