package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;

/**
 * Hard swish: f(x) = x · relu6(x + 3) / 6 (Howard et al. 2019, "Searching for MobileNetV3", eq. 2;
 * PyTorch {@code nn.Hardswish}).
 *
 * <p>f′(x) = 0 for x ≤ −3, (2x + 3)/6 on (−3, 3), 1 for x ≥ 3: at ±3 the outer piece is taken
 * (f′(−3) = 0, f′(3) = 1), as PyTorch's backward does.
 */
public class HardSwishActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "hswish";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public HardSwishActivation() {
    }

    @Override
    protected float f(float x) {
        return x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }

    @Override
    protected float df(float x) {
        // branch-free form of the double df: 0 up to -3, (2x+3)/6 inside, 1 from 3 on (clamped so that
        // x = +-infinity gives 1 and 0 instead of 0 * infinity)
        float inside = step(3f - x);
        float c = Math.min(Math.max(x, -3f), 3f);
        return step(x + 3f) * (inside * (2f * c + 3f) / 6f + (1f - inside));
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
        return x * Math.min(Math.max(x + 3.0, 0.0), 6.0) / 6.0;
    }

    @Override
    protected double df(double x) {
        if (x <= -3.0) {
            return 0.0;
        }
        if (x >= 3.0) {
            return 1.0;
        }
        return (2.0 * x + 3.0) / 6.0;   // d/dx of x(x+3)/6
    }
}
