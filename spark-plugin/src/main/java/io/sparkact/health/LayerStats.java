package io.sparkact.health;

/**
 * Activation health of one hidden layer over a set of examples, mergeable across partitions.
 *
 * <p>Per (example, unit) pair it sees the layer's output f and the derivative f′ of its activation there.
 * It keeps only what merges exactly or stably: the number of examples, per unit whether it was ever
 * <em>alive</em> (|f′| ≥ {@link #THRESHOLD} on at least one example; merged by OR), the counts of
 * saturated pairs (|f′| &lt; threshold) and of active pairs (f &gt; 0), and the moments of f
 * ({@link MomentStats}). Counts and the alive set are exact whatever the partitioning; mean and std agree
 * to rounding.
 *
 * <p>A unit is <em>dead</em> when it is alive on no example: no gradient reaches its input weights from
 * any example of the set. Fractions of an empty set are NaN.
 */
public final class LayerStats implements Mergeable<LayerStats> {

    private static final long serialVersionUID = 1L;

    /** |f′| below this counts as no gradient (saturated pair; dead unit when on every example). */
    public static final double THRESHOLD = 1e-3;

    private final int units;
    private long examples;
    /** Plain booleans rather than a BitSet: Kryo's field serializer drops BitSet's transient length. */
    private final boolean[] alive;
    private long saturated;
    private long active;
    private final MomentStats outputs = new MomentStats();

    /** The identity element for a layer of {@code units} units. */
    public LayerStats(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("LayerStats units given invalid value " + units + "; allowed: units >= 1");
        }
        this.units = units;
        this.alive = new boolean[units];
    }

    /**
     * Adds {@code rows} examples. {@code out} and {@code fprime} are row-major {@code [rows, units]}: the
     * layer's outputs and the activation's derivative at the same (example, unit).
     */
    public LayerStats add(double[] out, double[] fprime, int rows) {
        if (out.length != (long) rows * units || fprime.length != out.length) {
            throw new IllegalArgumentException("expected " + rows + " x " + units + " outputs and derivatives, got "
                    + out.length + " and " + fprime.length + " values");
        }
        for (int r = 0; r < rows; r++) {
            int base = r * units;
            for (int u = 0; u < units; u++) {
                double f = out[base + u];
                if (Math.abs(fprime[base + u]) < THRESHOLD) {
                    saturated++;
                } else {
                    alive[u] = true;
                }
                if (f > 0) {
                    active++;
                }
                outputs.add(f);
            }
        }
        examples += rows;
        return this;
    }

    @Override
    public LayerStats merge(LayerStats o) {
        if (o.units != units) {
            throw new IllegalArgumentException("cannot merge the statistics of a layer of " + o.units
                    + " units into one of " + units + " units");
        }
        examples += o.examples;
        for (int u = 0; u < units; u++) {
            alive[u] |= o.alive[u];
        }
        saturated += o.saturated;
        active += o.active;
        outputs.merge(o.outputs);
        return this;
    }

    @Override
    public LayerStats empty() {
        return new LayerStats(units);
    }

    @Override
    public boolean isEmpty() {
        return examples == 0;
    }

    @Override
    public LayerStats copy() {
        return new LayerStats(units).merge(this);
    }

    public int units() { return units; }
    public long examples() { return examples; }
    /** (example, unit) pairs seen: examples × units. */
    public long pairs() { return examples * units; }
    public long deadUnits() {
        if (examples == 0) {
            return 0;
        }
        long dead = 0;
        for (boolean a : alive) {
            dead += a ? 0 : 1;
        }
        return dead;
    }
    public long saturatedPairs() { return saturated; }
    public long activePairs() { return active; }

    /** Units with |f′| &lt; threshold on every example, over all units; NaN for no examples. */
    public double deadFraction() { return examples == 0 ? Double.NaN : (double) deadUnits() / units; }
    /** (example, unit) pairs with |f′| &lt; threshold, over all pairs. */
    public double saturatedFraction() { return ratio(saturated); }
    /** Outputs &gt; 0, over all pairs. */
    public double activeFraction() { return ratio(active); }
    public double mean() { return outputs.mean(); }
    public double std() { return outputs.std(); }
    public double maxAbs() { return outputs.maxAbs(); }

    private double ratio(long count) {
        return examples == 0 ? Double.NaN : (double) count / pairs();
    }
}
