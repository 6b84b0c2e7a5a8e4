package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * ReLU6: f(x) = min(max(x, 0), 6) (Krizhevsky 2010, "Convolutional Deep Belief Networks on CIFAR-10";
 * PyTorch {@code nn.ReLU6}).
 *
 * <p>Not ND4J's {@code ActivationReLU6}: its gradient at exactly 6 is 1, while the outer-piece rule (and
 * PyTorch) give f′(6) = 0. Kinks: f′(0) = 0 (negative side), f′(6) = 0 (outer piece).
 */
public class Relu6Activation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "relu6";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public Relu6Activation() {
    }

    @Override
    protected float f(float x) {
        return Math.min(Math.max(x, 0f), 6f);
    }

    @Override
    protected float df(float x) {
        // 1 on the open interval (0, 6) only. One step of min(x, 6 - x) rather than step(x) * step(6 - x): C2
        // left the loop with the product of two steps scalar (see PointwiseActivation, "one clamp")
        return step(Math.min(x, 6f - x));
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
        return Math.min(Math.max(x, 0.0), 6.0);
    }

    @Override
    protected double df(double x) {
        // open interval: both kinks take the flat outer/negative piece
        return x > 0.0 && x < 6.0 ? 1.0 : 0.0;
    }
}
