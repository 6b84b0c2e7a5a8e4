package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * Hard shrinkage: f(x) = x for |x| > λ, 0 otherwise (Donoho and Johnstone 1994, hard thresholding;
 * PyTorch {@code nn.Hardshrink}: f(±λ) = 0).
 *
 * <p>f′ = 1 for |x| ≥ λ and 0 inside: at ±λ the outer piece is taken (f′(±λ) = 1), although f itself
 * jumps there.
 */
public class HardShrinkActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "hardshrink";
    /** Half-width λ of the zero band. */
    public static final Param LAMBDA = Param.real("lambda", 0.5, Range.atLeast(0.0), "half-width of the zero band");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(LAMBDA);

    private double lambda;

    /** With the declared defaults (see {@link #PARAMS}). */
    public HardShrinkActivation() {
        this(((Number) LAMBDA.defaultValue()).doubleValue());
    }

    /** @param lambda see {@link #LAMBDA} */
    public HardShrinkActivation(double lambda) {
        this.lambda = LAMBDA.check(NAME, lambda);
    }

    public double getLambda() {
        return lambda;
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
        return new double[] {lambda};
    }

    @Override
    protected float f(float x) {
        return x * step(Math.abs(x) - (float) lambda);   // x for |x| > lambda, else 0 (x * 1 and x * 0 are exact)
    }

    @Override
    protected float df(float x) {
        return 1f - step(-(Math.abs(x) - (float) lambda));   // 1 for |x| >= lambda; -(a - l), see PointwiseActivation
    }

    @Override
    protected double f(double x) {
        return Math.abs(x) > lambda ? x : 0.0;
    }

    @Override
    protected double df(double x) {
        return Math.abs(x) >= lambda ? 1.0 : 0.0;
    }
}
