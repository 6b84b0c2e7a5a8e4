/**
 * Activation health statistics of a network's hidden layers, computed on the executors and merged on the
 * driver.
 *
 * <p>Per hidden layer and epoch: dead_fraction, saturated_fraction, mean, std, active_fraction and max_abs
 * of the layer's outputs over the whole validation set ({@link io.sparkact.health.HealthProbe} on each
 * partition's copy of the model, {@link io.sparkact.health.LayerStats} merged by a tree aggregation in
 * {@code io.sparkact.train.Evaluator}'s pass), and grad_norm, the mean L2 norm of its weight gradient
 * over the epoch's training minibatches ({@link io.sparkact.health.GradNormListener} on the workers,
 * {@link io.sparkact.health.MergeableAccumulator} back to the driver). Every value that crosses the cluster
 * is a {@link io.sparkact.health.Mergeable}: associative merge with an identity, so the result does not
 * depend on partitioning or merge order. {@link io.sparkact.health.HealthMonitor} is the driver-side glue
 * used by {@code io.sparkact.train.SparkTrainer}; {@link io.sparkact.health.HealthRecord} and
 * {@link io.sparkact.health.HealthCsv} are the output rows.
 */
package io.sparkact.health;
