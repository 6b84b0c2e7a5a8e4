package io.sparkact.train;

import io.sparkact.health.Mergeable;

/**
 * The training loss of an epoch as it is fitted: the sum over minibatches of (mean data loss × examples) and the
 * number of examples; mergeable by adding both. {@link #mean()} is then the mean loss per example over every
 * minibatch recorded, each taken at the parameters before its own step (what Keras and most trainers report as
 * the epoch's loss). A minibatch recorded twice (a recomputed task re-applying its accumulator update) weights that
 * minibatch twice; it cannot inflate the mean.
 */
public final class TrainLoss implements Mergeable<TrainLoss> {

    private static final long serialVersionUID = 1L;

    private double weightedSum;
    private long examples;
    private long minibatches;

    /** The identity element. */
    public static TrainLoss identity() {
        return new TrainLoss();
    }

    /** One minibatch of {@code examples} examples whose mean loss is {@code meanLoss}. */
    public static TrainLoss of(double meanLoss, long examples) {
        if (examples <= 0) {
            throw new IllegalArgumentException("a minibatch has at least 1 example, got " + examples);
        }
        TrainLoss t = new TrainLoss();
        t.weightedSum = meanLoss * examples;
        t.examples = examples;
        t.minibatches = 1;
        return t;
    }

    /** Mean loss per example; NaN when nothing was recorded. */
    public double mean() {
        return examples == 0 ? Double.NaN : weightedSum / examples;
    }

    /** Examples recorded. */
    public long examples() {
        return examples;
    }

    /** Minibatches recorded. */
    public long minibatches() {
        return minibatches;
    }

    @Override
    public TrainLoss merge(TrainLoss o) {
        weightedSum += o.weightedSum;
        examples += o.examples;
        minibatches += o.minibatches;
        return this;
    }

    @Override
    public TrainLoss empty() {
        return identity();
    }

    @Override
    public boolean isEmpty() {
        return minibatches == 0;
    }

    @Override
    public TrainLoss copy() {
        return identity().merge(this);
    }
}
