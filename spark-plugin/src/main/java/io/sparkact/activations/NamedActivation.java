package io.sparkact.activations;

import io.sparkact.params.Param;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.activations.BaseActivationFunction;

/**
 * What every catalogue activation shares: its catalogue name, its declared parameters and their current
 * values, and equality, hashing and the spec text derived from them.
 *
 * <p>Subclasses keep their parameters in plain (non-transient) instance fields: DL4J serialises
 * activations with Jackson using field visibility (see {@link org.nd4j.linalg.activations.IActivation}),
 * so those fields are the JSON form, and the no-arg constructor supplies defaults. This class has no
 * instance fields of its own so that nothing else ends up in the JSON.
 */
public abstract class NamedActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    /** The catalogue name, e.g. "lrelu6". */
    public abstract String name();

    /** The declared parameters in spec order (the class's {@code PARAMS}). */
    public abstract List<Param> params();

    /** Current parameter values, in the order of {@link #params()}. */
    protected abstract double[] paramValues();

    /** The spec form, e.g. "lrelu6(alpha=0.02,cap=6,alpha_high=0)", or just the name without parameters. */
    @Override
    public String toString() {
        List<Param> ps = params();
        if (ps.isEmpty()) {
            return name();
        }
        double[] values = paramValues();
        StringBuilder sb = new StringBuilder(name()).append('(');
        for (int i = 0; i < ps.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ps.get(i).name()).append('=').append(Param.format(values[i]));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        // Same class, same parameters: transient state (rrelu's drawn slopes) deliberately does not count.
        return o != null && o.getClass() == getClass()
                && Arrays.equals(paramValues(), ((NamedActivation) o).paramValues());
    }

    @Override
    public int hashCode() {
        return 31 * getClass().getName().hashCode() + Arrays.hashCode(paramValues());
    }
}
