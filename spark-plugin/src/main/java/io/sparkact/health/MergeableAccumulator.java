package io.sparkact.health;

import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator over any {@link Mergeable} value: executors add partial values, the driver merges
 * each finished task's copy. Spark applies a task's update once per successful task attempt, so values
 * added inside an action are counted once; values added inside a transformation (model training runs in
 * one) are counted again when a stage is recomputed — see {@link GradNorms} for why its mean survives that.
 *
 * <p>Register it on the driver ({@code sc.sc().register(acc, name)}) before the job that adds to it.
 *
 * @param <T> the mergeable value
 */
public final class MergeableAccumulator<T extends Mergeable<T>> extends AccumulatorV2<T, T> {

    private static final long serialVersionUID = 1L;

    private T value;

    /** An accumulator starting from {@code zero}, which must be an identity element. */
    public MergeableAccumulator(T zero) {
        if (!zero.isEmpty()) {
            throw new IllegalArgumentException("an accumulator must start from an identity element");
        }
        this.value = zero;
    }

    @Override
    public boolean isZero() {
        return value.isEmpty();
    }

    @Override
    public MergeableAccumulator<T> copy() {
        return new MergeableAccumulator<>(value.empty()).addAll(value);
    }

    @Override
    public void reset() {
        value = value.empty();
    }

    @Override
    public void add(T v) {
        value.merge(v);
    }

    private MergeableAccumulator<T> addAll(T v) {
        value.merge(v);
        return this;
    }

    @Override
    public void merge(AccumulatorV2<T, T> other) {
        value.merge(other.value());
    }

    @Override
    public T value() {
        return value;
    }
}
