package io.sparkact.health;

import java.util.Arrays;

/**
 * Per hidden layer, the sum of the L2 norms of its weight gradient over minibatches and the number of
 * minibatches; mergeable by adding both. The mean is sum / count, so a minibatch seen twice (a retried
 * or recomputed task re-applying its accumulator update) adds to both and biases the mean only by
 * weighting that minibatch twice — it cannot inflate it the way a duplicated sum alone would.
 * The identity has no layers.
 */
public final class GradNorms implements Mergeable<GradNorms> {

    private static final long serialVersionUID = 1L;

    private double[] sums;
    private long[] counts;

    private GradNorms(int layers) {
        sums = new double[layers];
        counts = new long[layers];
    }

    /** The identity element. */
    public static GradNorms identity() {
        return new GradNorms(0);
    }

    /** Records one minibatch's norms, one per hidden layer (NaN entries are skipped). */
    public GradNorms add(double[] norms) {
        if (sums.length == 0) {
            sums = new double[norms.length];
            counts = new long[norms.length];
        }
        if (norms.length != sums.length) {
            throw new IllegalArgumentException("expected gradient norms of " + sums.length + " hidden layers, got "
                    + norms.length);
        }
        for (int i = 0; i < norms.length; i++) {
            if (!Double.isNaN(norms[i])) {
                sums[i] += norms[i];
                counts[i]++;
            }
        }
        return this;
    }

    /** Mean norm of hidden layer {@code i} over the recorded minibatches; NaN when none was recorded. */
    public double mean(int i) {
        return i >= counts.length || counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
    }

    /** Minibatches recorded for hidden layer {@code i}. */
    public long count(int i) {
        return i >= counts.length ? 0 : counts[i];
    }

    @Override
    public GradNorms merge(GradNorms o) {
        if (o.sums.length == 0) {
            return this;
        }
        if (sums.length == 0) {
            sums = o.sums.clone();
            counts = o.counts.clone();
            return this;
        }
        if (o.sums.length != sums.length) {
            throw new IllegalArgumentException("cannot merge gradient norms of " + o.sums.length
                    + " hidden layers into " + sums.length);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += o.sums[i];
            counts[i] += o.counts[i];
        }
        return this;
    }

    @Override
    public GradNorms empty() {
        return identity();
    }

    @Override
    public boolean isEmpty() {
        return Arrays.stream(counts).allMatch(c -> c == 0);
    }

    @Override
    public GradNorms copy() {
        return identity().merge(this);
    }
}
