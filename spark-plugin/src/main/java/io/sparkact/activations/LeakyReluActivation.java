package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.List;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Leaky ReLU: f(x) = x for x > 0, αx otherwise (Maas et al. 2013, "Rectifier Nonlinearities Improve
 * Neural Network Acoustic Models"; PyTorch {@code nn.LeakyReLU}).
 *
 * <p>ND4J's native leaky-relu ops compute exactly this, with f′(0) = α (negative-side rule, asserted by
 * the tests), so they are used directly.
 */
public class LeakyReluActivation extends NamedActivation {

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
    public INDArray getActivation(INDArray in, boolean training) {
        Nd4j.getExecutioner().exec(new LeakyReLU(in, in, alpha));
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.getExecutioner().exec(new LeakyReLUBp(in, epsilon, in, alpha));
        return new Pair<>(in, null);
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
