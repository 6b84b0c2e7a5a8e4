package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;

/**
 * Leaky ReLU: f(x) = x for x > 0, αx otherwise (Maas et al. 2013, "Rectifier Nonlinearities Improve
 * Neural Network Acoustic Models"; PyTorch {@code nn.LeakyReLU}).
 *
 * <p>f′(0) = α (negative-side rule). Not ND4J's {@code LeakyReLUBp}: in M2 it returns f′(0) = 1 and
 * rounds α to float even for double arrays.
 */
public class LeakyReluActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "lrelu";
    /** Slope for x ≤ 0. */
    public static final Param ALPHA = Param.real("alpha", 0.01, Range.closed(0.0, 1.0), "slope for x <= 0");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(ALPHA);

    private double alpha;

    /** With the declared defaults (see {@link #PARAMS}). */
    public LeakyReluActivation() {
        this(((Number) ALPHA.defaultValue()).doubleValue());
    }

    /** @param alpha see {@link #ALPHA} */
    public LeakyReluActivation(double alpha) {
        this.alpha = ALPHA.check(NAME, alpha);
    }

    public double getAlpha() {
        return alpha;
    }

    @Override
    protected double f(double x) {
        return x > 0.0 ? x : alpha * x;
    }

    @Override
    protected double df(double x) {
        return x > 0.0 ? 1.0 : alpha;
    }

    @Override
    protected float f(float x) {
        return Math.max(x, 0f) + (float) alpha * Math.min(x, 0f);
    }

    @Override
    protected float df(float x) {
        float p = step(x);
        return p + (1f - p) * (float) alpha;   // exactly 1 or alpha
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
}
