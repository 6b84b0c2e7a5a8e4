package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * Softplus with sharpness β: f(x) = log(1 + e^(βx)) / β, f′(x) = sigmoid(βx) (Dugas et al. 2001,
 * "Incorporating second-order functional knowledge for better option pricing"; PyTorch {@code nn.Softplus}
 * without its linear threshold).
 *
 * <p>Evaluated as (max(βx, 0) + log1p(e^(−|βx|))) / β, which is exact in double for every x: no overflow
 * of e^(βx) for large positive βx and no underflow to 0 for large negative βx.
 */
public class SoftplusActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "softplus";
    /** Sharpness β: larger means closer to relu. */
    public static final Param BETA = Param.real("beta", 1.0, Range.greaterThan(0.0), "sharpness: larger is closer to relu");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(BETA);

    private double beta;

    /** With the declared defaults (see {@link #PARAMS}). */
    public SoftplusActivation() {
        this(((Number) BETA.defaultValue()).doubleValue());
    }

    /** @param beta see {@link #BETA} */
    public SoftplusActivation(double beta) {
        this.beta = BETA.check(NAME, beta);
    }

    public double getBeta() {
        return beta;
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
        return new double[] {beta};
    }

    @Override
    protected double f(double x) {
        double z = beta * x;
        return (Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)))) / beta;
    }

    @Override
    protected double df(double x) {
        return SigmoidActivation.sigmoid(beta * x);
    }

    // float arrays (ExpActivation): e = e^(-|beta x|) natively; f = (max(beta x, 0) + log1p(e))/beta,
    // f' = sigmoid(beta x) from e
    @Override
    protected float forwardArg(float x) {
        return -((float) beta * Math.abs(x));
    }

    @Override
    protected float fromForward(float x, float e) {
        float b = (float) beta;
        return (Math.max(b * x, 0f) + log1p(e)) / b;
    }

    @Override
    protected float backwardArg(float x) {
        return -((float) beta * Math.abs(x));
    }

    @Override
    protected float fromBackward(float x, float e) {
        return logistic(x, e);
    }
}
