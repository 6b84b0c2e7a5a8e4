package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Hard tanh: f(x) = clip(x, −1, 1) (Collobert 2004; PyTorch {@code nn.Hardtanh} with its defaults).
 *
 * <p>f′ = 1 on (−1, 1) and 0 elsewhere; at ±1 the outer, flat piece is taken (f′(±1) = 0), unlike ND4J's
 * {@code HARDTANH} whose derivative is 1 on the closed interval.
 */
public class HardTanhActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "hardtanh";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public HardTanhActivation() {
    }

    @Override
    protected float f(float x) {
        return Math.min(Math.max(x, -1f), 1f);
    }

    @Override
    protected float df(float x) {
        return step(1f - Math.abs(x));   // 1 on (-1, 1) only; one step, see PointwiseActivation
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
        return Math.min(Math.max(x, -1.0), 1.0);
    }

    @Override
    protected double df(double x) {
        return x > -1.0 && x < 1.0 ? 1.0 : 0.0;
    }
}
