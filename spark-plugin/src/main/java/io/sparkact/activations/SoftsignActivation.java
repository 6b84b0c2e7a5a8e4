package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Softsign: f(x) = x / (1 + |x|), f′(x) = 1 / (1 + |x|)² (Bergstra et al. 2009, "Quadratic polynomials
 * learn better image features"; PyTorch {@code nn.Softsign}).
 */
public class SoftsignActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "softsign";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public SoftsignActivation() {
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
    protected float f(float x) {
        return x / (1f + Math.abs(x));   // float form: vectorises (the double round trip cost ~15 ms on 4M floats)
    }

    @Override
    protected float df(float x) {
        float d = 1f + Math.abs(x);
        return 1f / (d * d);
    }

    @Override
    protected double f(double x) {
        return x / (1.0 + Math.abs(x));
    }

    @Override
    protected double df(double x) {
        double d = 1.0 + Math.abs(x);
        return 1.0 / (d * d);
    }
}
