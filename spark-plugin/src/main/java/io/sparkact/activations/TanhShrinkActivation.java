package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Tanh shrink: f(x) = x − tanh x, f′(x) = tanh² x (PyTorch {@code nn.Tanhshrink}).
 */
public class TanhShrinkActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "tanhshrink";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public TanhShrinkActivation() {
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
        return x - Math.tanh(x);
    }

    @Override
    protected double df(double x) {
        double t = Math.tanh(x);
        return t * t;
    }
}
