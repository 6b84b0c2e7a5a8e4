package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Hard sigmoid: f(x) = relu6(x + 3) / 6 (Howard et al. 2019, "Searching for MobileNetV3"; PyTorch
 * {@code nn.Hardsigmoid}).
 *
 * <p>Not ND4J's {@code HARDSIGMOID}, which is clip(0.2x + 0.5, 0, 1) (slope 1/5, kinks at ±2.5).
 * f′ = 1/6 on (−3, 3) and 0 elsewhere, including at ±3 (outer piece).
 */
public class HardSigmoidActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "hsigmoid";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public HardSigmoidActivation() {
    }

    @Override
    protected float f(float x) {
        return Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }

    @Override
    protected float df(float x) {
        return step(3f - Math.abs(x)) * (1f / 6f);   // 1/6 on (-3, 3) only; one step, see PointwiseActivation
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
        return Math.min(Math.max(x + 3.0, 0.0), 6.0) / 6.0;
    }

    @Override
    protected double df(double x) {
        return x > -3.0 && x < 3.0 ? 1.0 / 6.0 : 0.0;
    }
}
