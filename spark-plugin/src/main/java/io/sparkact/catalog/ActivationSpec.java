package io.sparkact.catalog;

import io.sparkact.params.Param;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * A parsed, validated activation spec: a catalogue entry with a value for every parameter (defaults
 * filled in). Immutable. Building it constructs the activation once, so every constructor check
 * (ranges, lower <= upper, …) has already passed when a spec exists.
 */
public final class ActivationSpec {

    private final CatalogEntry entry;
    private final Map<String, Object> values;
    private final Realisation realisation;

    ActivationSpec(CatalogEntry entry, Map<String, Object> values) {
        this.entry = entry;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.realisation = entry.realise(this);
        if (realisation instanceof Realisation.PerUnitLayer) {
            ((Realisation.PerUnitLayer) realisation).layer(1); // runs the layer builder's validation now
        } else if (realisation instanceof Realisation.DenseReplacement) {
            ((Realisation.DenseReplacement) realisation).layer(1);
        }
    }

    public String name() { return entry.name(); }
    public CatalogEntry entry() { return entry; }
    public Kind kind() { return entry.kind(); }
    /** Parameter values in declaration order. */
    public Map<String, Object> values() { return values; }

    public double real(String param) {
        return ((Number) values.get(param)).doubleValue();
    }

    public int integer(String param) {
        return ((Number) values.get(param)).intValue();
    }

    public boolean bool(String param) {
        return (Boolean) values.get(param);
    }

    public Realisation realisation() { return realisation; }

    /** True when the spec is a plain element-wise function (an {@link IActivation}). */
    public boolean isElementWise() {
        return realisation instanceof Realisation.ElementWise;
    }

    /** The element-wise function; fails for layers (Dice, PReLU, trainable Swish, Maxout). */
    public IActivation activation() {
        if (!isElementWise()) {
            throw new IllegalStateException(this + " is not an element-wise activation; use hiddenBlock()");
        }
        return ((Realisation.ElementWise) realisation).fn();
    }

    /**
     * The layers of one hidden block of width {@code nOut} whose activation is this spec: a dense layer
     * with the activation; or an identity dense layer followed by the activation's own layer; or, for
     * Maxout, the Maxout layer alone. nIn is left to the network's input type.
     */
    public List<Layer> hiddenBlock(int nOut) {
        List<Layer> layers = new ArrayList<>(2);
        if (realisation instanceof Realisation.ElementWise) {
            layers.add(new DenseLayer.Builder().nOut(nOut).activation(activation()).build());
        } else if (realisation instanceof Realisation.PerUnitLayer) {
            layers.add(new DenseLayer.Builder().nOut(nOut).activation(Activation.IDENTITY).build());
            layers.add(((Realisation.PerUnitLayer) realisation).layer(nOut));
        } else {
            layers.add(((Realisation.DenseReplacement) realisation).layer(nOut));
        }
        return layers;
    }

    /** Canonical form with every parameter, e.g. "lrelu6(alpha=0.02,cap=6,alpha_high=0)"; parses back. */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return entry.name();
        }
        StringBuilder sb = new StringBuilder(entry.name()).append('(');
        boolean first = true;
        for (Param p : entry.params()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Object v = values.get(p.name());
            sb.append(p.name()).append('=').append(v instanceof Double ? Param.format((Double) v) : v);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationSpec && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
