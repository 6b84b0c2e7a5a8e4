package io.sparkact.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link LayerStats} of every hidden layer of a network, in layer order; mergeable. The identity has
 * no layers, so a partition without examples contributes nothing and needs no knowledge of the network.
 */
public final class HealthStats implements Mergeable<HealthStats> {

    private static final long serialVersionUID = 1L;

    private final List<LayerStats> layers;

    private HealthStats(List<LayerStats> layers) {
        this.layers = layers;
    }

    /** The identity element. */
    public static HealthStats identity() {
        return new HealthStats(new ArrayList<>());
    }

    /** Statistics with one (empty) layer per given width. */
    public static HealthStats forUnits(List<Integer> units) {
        List<LayerStats> out = new ArrayList<>(units.size());
        for (int u : units) {
            out.add(new LayerStats(u));
        }
        return new HealthStats(out);
    }

    /** Hidden layer {@code i} (0-based) for adding to. */
    public LayerStats layer(int i) {
        return layers.get(i);
    }

    public int layerCount() {
        return layers.size();
    }

    @Override
    public HealthStats merge(HealthStats o) {
        if (o.layers.isEmpty()) {
            return this;
        }
        if (layers.isEmpty()) {
            for (LayerStats l : o.layers) {
                layers.add(l.copy());
            }
            return this;
        }
        if (o.layers.size() != layers.size()) {
            throw new IllegalArgumentException("cannot merge the health of a network with " + o.layers.size()
                    + " hidden layers into one with " + layers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).merge(o.layers.get(i));
        }
        return this;
    }

    @Override
    public HealthStats empty() {
        return identity();
    }

    @Override
    public boolean isEmpty() {
        return layers.stream().allMatch(LayerStats::isEmpty);
    }

    @Override
    public HealthStats copy() {
        return identity().merge(this);
    }
}
