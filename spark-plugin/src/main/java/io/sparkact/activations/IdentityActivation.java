package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.List;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Identity: f(x) = x, f′(x) = 1. A linear layer, or a baseline for the others.
 */
public class IdentityActivation extends NamedActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "identity";
    /** No parameters. */
    public static final List<Param> PARAMS = List.of();

    public IdentityActivation() {
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // a copy, not epsilon itself: callers may modify the returned gradient in place
        in.assign(epsilon);
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
