package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * SELU: f(x) = λx for x > 0, λα(e^x − 1) otherwise (Klambauer et al. 2017, "Self-Normalizing Neural
 * Networks", eq. 2, with the paper's fixed point constants λ ≈ 1.0507, α ≈ 1.6733).
 *
 * <p>f′(x) = λ for x > 0 and λαe^x otherwise, so f′(0) = λα (negative-side rule).
 */
public class SeluActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "selu";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public SeluActivation() {
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

    /** λ of the paper (to double precision). */
    public static final double LAMBDA = 1.0507009873554804934193349852946;
    /** α of the paper (to double precision). */
    public static final double ALPHA = 1.6732632423543772848170429916717;

    @Override
    protected double f(double x) {
        return x > 0.0 ? LAMBDA * x : LAMBDA * ALPHA * Math.expm1(x);
    }

    @Override
    protected double df(double x) {
        return x > 0.0 ? LAMBDA : LAMBDA * ALPHA * Math.exp(x);
    }

    private static final float LAMBDA_F = (float) LAMBDA;
    private static final float LAMBDA_ALPHA_F = (float) (LAMBDA * ALPHA);

    // float arrays (ExpActivation): as elu, scaled: t = e^min(x, 0) natively
    @Override
    protected float forwardArg(float x) {
        return Math.min(x, 0f);
    }

    @Override
    protected float fromForward(float x, float t) {
        return LAMBDA_F * Math.max(x, 0f) + LAMBDA_ALPHA_F * expm1(Math.min(x, 0f), t);
    }

    @Override
    protected float backwardArg(float x) {
        return Math.min(x, 0f);
    }

    @Override
    protected float fromBackward(float x, float t) {
        float p = step(x);
        return p * LAMBDA_F + (1f - p) * LAMBDA_ALPHA_F * t;
    }
}
