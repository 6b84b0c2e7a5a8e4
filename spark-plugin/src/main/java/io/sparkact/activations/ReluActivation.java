package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU: f(x) = max(x, 0) (Nair and Hinton 2010, "Rectified Linear Units Improve Restricted Boltzmann
 * Machines").
 *
 * <p>ND4J's native relu ops are exactly this function, with f′(x) = 1 for x > 0 and 0 otherwise, so
 * f′(0) = 0 as the negative-side rule asks (asserted by the tests); they are used directly because relu
 * is the speed baseline for the other activations.
 */
public class ReluActivation extends NamedActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "relu";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public ReluActivation() {
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Nd4j.getExecutioner().exec(new RectifiedLinear(in, in, 0.0));
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // output into "in": the op reads in[i] before writing it, element by element
        Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(in, epsilon, in, 0.0));
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
        return new double[0];
    }
}
