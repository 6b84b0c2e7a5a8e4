package io.sparkact.health;

import java.io.Serializable;

/**
 * A value that crosses the cluster: partial results computed on executors are combined on the driver.
 * {@link #merge} must be associative and {@link #empty()} its identity, so that Spark may combine the
 * partials in any grouping (tree aggregation, accumulator merges in task-completion order) and the result
 * does not depend on how the data was partitioned. Merges are in place, like Spark's own {@code StatCounter}:
 * an aggregation allocates one value per partition, not one per merge.
 *
 * @param <T> the implementing type
 */
public interface Mergeable<T extends Mergeable<T>> extends Serializable {

    /** Folds {@code other} into this value and returns this; {@code other} is not changed. */
    T merge(T other);

    /** A new identity element of the same kind: {@code x.empty().merge(y)} equals {@code y}. */
    T empty();

    /** True when this value is an identity element (nothing was added to it). */
    boolean isEmpty();

    /** An independent deep copy. */
    T copy();
}
