package io.sparkact.health;

import java.io.Serializable;

/**
 * Count, mean, second central moment and maximum |x| of a stream of numbers, mergeable.
 *
 * <p>Merging uses the parallel update of Chan, Golub &amp; LeVeque ("Updating formulae and a pairwise
 * algorithm for computing sample variances", 1979): with δ = mean_b − mean_a,
 * {@code mean = mean_a + δ·n_b/n} and {@code M2 = M2_a + M2_b + δ²·n_a·n_b/n}. It is associative up to
 * rounding (the same numbers in any partitioning agree to ~1e-15 relative), whereas a naive
 * {@code Σx²/n − mean²} loses every digit when the mean is large against the spread.
 */
public final class MomentStats implements Serializable {

    private static final long serialVersionUID = 1L;

    private long n;
    private double mean;
    private double m2;
    private double maxAbs;

    /** Adds one value (Welford's update, the n_b = 1 case of the merge). */
    public void add(double x) {
        n++;
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        maxAbs = Math.max(maxAbs, Math.abs(x));
    }

    /** Folds {@code o} into this. */
    public void merge(MomentStats o) {
        if (o.n == 0) {
            return;
        }
        if (n == 0) {
            n = o.n;
            mean = o.mean;
            m2 = o.m2;
            maxAbs = o.maxAbs;
            return;
        }
        long total = n + o.n;
        double delta = o.mean - mean;
        mean += delta * o.n / total;
        m2 += o.m2 + delta * delta * ((double) n * o.n / total);
        n = total;
        maxAbs = Math.max(maxAbs, o.maxAbs);
    }

    public long count() { return n; }

    /** Mean, NaN when empty. */
    public double mean() { return n == 0 ? Double.NaN : mean; }

    /** Population standard deviation sqrt(M2/n) (every value of the layer is observed, none is sampled). */
    public double std() { return n == 0 ? Double.NaN : Math.sqrt(m2 / n); }

    /** Largest |x|, NaN when empty. */
    public double maxAbs() { return n == 0 ? Double.NaN : maxAbs; }

    MomentStats copy() {
        MomentStats c = new MomentStats();
        c.merge(this);
        return c;
    }
}
