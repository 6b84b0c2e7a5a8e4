package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * Swish with a fixed β: f(x) = x · sigmoid(βx) (Ramachandran et al. 2017, "Searching for Activation
 * Functions"; β = 1 is SiLU, Elfwing et al. 2018).
 *
 * <p>f′(x) = s + βx·s(1 − s) with s = sigmoid(βx). β = 0 gives x/2.
 */
public class SwishActivation extends ExpActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "swish";
    /** Fixed β (not trained here). */
    public static final Param BETA = Param.real("beta", 1.0, Range.atLeast(0.0), "fixed slope of the gate sigmoid(beta x)");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(BETA);

    private double beta;

    /** With the declared defaults (see {@link #PARAMS}). */
    public SwishActivation() {
        this(((Number) BETA.defaultValue()).doubleValue());
    }

    /** @param beta see {@link #BETA} */
    public SwishActivation(double beta) {
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
        return x * SigmoidActivation.sigmoid(beta * x);
    }

    @Override
    protected double df(double x) {
        double s = SigmoidActivation.sigmoid(beta * x);
        // s(1 - s) written as s * sigmoid(-beta x) so it keeps its digits when s is close to 1
        return s + beta * x * s * SigmoidActivation.sigmoid(-beta * x);
    }

    // float arrays (ExpActivation): e = e^(-beta|x|) natively; s = sigmoid(beta x) from e and the sign of x
    // (beta >= 0), f = x s. f' = s + beta x s(1 - s) = s + beta x e/(1+e)^2: its two terms cancel at its root
    // beta x = -1.2785 (s = 0.218 there), so a float e (~1e-7 relative) would leave an absolute error ~1e-8, above
    // the package's 1e-9; f' takes e in double instead (Backward.DOUBLE_EXP, SwishAccuracyTest)
    @Override
    protected float forwardArg(float x) {
        return -((float) beta * Math.abs(x));
    }

    @Override
    protected float fromForward(float x, float e) {
        return x * logistic(x, e);
    }

    @Override
    protected Backward backwardMode() {
        return Backward.DOUBLE_EXP;
    }

    @Override
    protected double backwardArgDouble(double x) {
        return -(beta * Math.abs(x));
    }

    @Override
    protected double fromBackwardDouble(float x, double e) {
        double r = 1.0 / (1.0 + e);
        double neg = Float.floatToRawIntBits(x) >>> 31;   // x's sign bit, branch-free (x > 0f ? ... branched)
        double s = (1.0 - neg + neg * e) * r;   // sigmoid(beta x): 1/(1+e) for x > 0, e/(1+e) otherwise
        return s + beta * x * (e * r * r);   // s(1 - s) = e/(1+e)^2, no 1 - s
    }
}
