package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * Soft shrinkage: f(x) = x − λ for x > λ, x + λ for x < −λ, 0 otherwise (Donoho 1995, soft
 * thresholding; PyTorch {@code nn.Softshrink}).
 *
 * <p>f′ = 1 for |x| ≥ λ and 0 inside: at ±λ the outer piece is taken (f′(±λ) = 1).
 */
public class SoftShrinkActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "softshrink";
    /** Half-width λ of the dead zone. */
    public static final Param LAMBDA = Param.real("lambda", 0.5, Range.atLeast(0.0), "half-width of the zero band");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(LAMBDA);

    private double lambda;

    /** With the declared defaults (see {@link #PARAMS}). */
    public SoftShrinkActivation() {
        this(((Number) LAMBDA.defaultValue()).doubleValue());
    }

    /** @param lambda see {@link #LAMBDA} */
    public SoftShrinkActivation(double lambda) {
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
        // x minus its clamp to [-lambda, lambda]: exactly 0 inside, x -+ lambda outside, without a branch
        float l = (float) lambda;
        return x - Math.min(Math.max(x, -l), l);
    }

    @Override
    protected float df(float x) {
        return 1f - step(-(Math.abs(x) - (float) lambda));   // 1 for |x| >= lambda; -(a - l), see PointwiseActivation
    }

    @Override
    protected double f(double x) {
        if (x > lambda) {
            return x - lambda;
        }
        return x < -lambda ? x + lambda : 0.0;
    }

    @Override
    protected double df(double x) {
        return Math.abs(x) >= lambda ? 1.0 : 0.0;
    }
}
