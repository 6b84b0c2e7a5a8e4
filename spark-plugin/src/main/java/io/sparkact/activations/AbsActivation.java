package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Absolute value: f(x) = |x|.
 *
 * <p>f′ = 1 for x > 0 and −1 for x ≤ 0: at the kink 0 the negative side's slope is taken (f′(0) = −1).
 */
public class AbsActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "abs";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public AbsActivation() {
    }

    @Override
    protected float f(float x) {
        return Math.abs(x);
    }

    @Override
    protected float df(float x) {
        return 2f * step(x) - 1f;
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
        return Math.abs(x);
    }

    @Override
    protected double df(double x) {
        return x > 0.0 ? 1.0 : -1.0;
    }
}
