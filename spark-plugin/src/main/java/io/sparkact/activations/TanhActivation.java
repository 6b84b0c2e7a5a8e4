package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Hyperbolic tangent: f(x) = tanh x, f′(x) = 1 − tanh² x.
 *
 * <p>Computed in double (ND4J's float derivative 1 − tanh² x in float has no correct digits left for
 * |x| ≳ 8, where tanh x rounds to 1 − 2^(−24)).
 */
public class TanhActivation extends PointwiseActivation {

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
}
