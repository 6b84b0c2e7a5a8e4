package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Logistic sigmoid: f(x) = 1 / (1 + e^(−x)), f′(x) = f(x)·(1 − f(x)).
 *
 * <p>Written here rather than with ND4J's op because ND4J's float derivative forms 1 − f(x) in float,
 * which for |x| ≈ 8 loses ~4 significant digits; here both come from e^(−|x|), which never overflows, and the
 * derivative is e/(1 + e)² (no 1 − f). Double arrays compute in double; float arrays take e from ND4J's native
 * exp ({@link ExpActivation}), within ~3 float ulps of the double result.
 */
public class SigmoidActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "sigmoid";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public SigmoidActivation() {
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
        return sigmoid(x);
    }

    @Override
    protected double df(double x) {
        // sigma(x)(1 - sigma(x)) = sigma(x) sigma(-x): no cancellation for large |x|
        return sigmoid(x) * sigmoid(-x);
    }

    /** Overflow-free logistic function, shared with softplus and swish. */
    static double sigmoid(double x) {
        if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    // float arrays (ExpActivation): e = e^(-|x|) natively, then s = 1/(1+e) or e/(1+e), s' = e/(1+e)^2
    @Override
    protected float forwardArg(float x) {
        return -Math.abs(x);
    }

    @Override
    protected float fromForward(float x, float e) {
        return logistic(x, e);
    }

    @Override
    protected float backwardArg(float x) {
        return -Math.abs(x);
    }

    @Override
    protected float fromBackward(float x, float e) {
        return logisticSlope(e);
    }
}
