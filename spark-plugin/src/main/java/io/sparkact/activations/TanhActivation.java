package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Hyperbolic tangent: f(x) = tanh x, f′(x) = 1 − tanh² x.
 *
 * <p>Computed in double (ND4J's float derivative 1 − tanh² x in float has no correct digits left for
 * |x| ≳ 8, where tanh x rounds to 1 − 2^(−24)).
 */
public class TanhActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "tanh";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public TanhActivation() {
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

    @Override
    protected double f(double x) {
        return Math.tanh(x);
    }

    @Override
    protected double df(double x) {
        // 1/cosh^2 avoids 1 - t*t cancelling when t is close to +-1
        double c = Math.cosh(x);
        return 1.0 / (c * c);
    }

    // float arrays (ExpActivation): t = e^(-2|x|) natively; forward tanh|x| = -u/(2+u) with u = expm1(-2|x|)
    // (no cancellation near 0), backward 1/cosh^2 x = 4t/(1+t)^2 (no 1 - tanh^2 cancellation near saturation)
    @Override
    protected float forwardArg(float x) {
        return -2f * Math.abs(x);
    }

    @Override
    protected float fromForward(float x, float t) {
        float u = expm1(-2f * Math.abs(x), t);
        return (2f * step(x) - 1f) * (-u / (2f + u));   // the sign of x (exact: +-1 times the value)
    }

    @Override
    protected float backwardArg(float x) {
        return -2f * Math.abs(x);
    }

    @Override
    protected float fromBackward(float x, float t) {
        return 4f * logisticSlope(t);
    }
}
