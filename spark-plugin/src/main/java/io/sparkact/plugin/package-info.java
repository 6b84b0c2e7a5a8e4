/**
 * {@link io.sparkact.plugin.SparkActPlugin}, a Spark plugin ({@code --conf spark.plugins=io.sparkact.plugin.SparkActPlugin})
 * that prepares ND4J on every executor and exposes training progress as Spark metrics.
 *
 * <p>Executor side ({@link io.sparkact.plugin.ExecutorSide}): fails fast when ND4J's native backend cannot load
 * ({@link io.sparkact.plugin.NativeBackend}), caps ND4J's threads at the executor's cores
 * ({@link io.sparkact.plugin.Nd4jThreads}), registers gauges of this JVM's counters and sends them to the driver
 * every {@link io.sparkact.plugin.PluginSettings#REPORT_INTERVAL_KEY} milliseconds and at shutdown.
 *
 * <p>How the counters are fed: {@link io.sparkact.plugin.MetricsListener} (set on the
 * {@code SparkComputationGraph}, it travels to the workers in the training closure) and the health probe's
 * partitions in {@code io.sparkact.train.Evaluator} write to {@link io.sparkact.plugin.TrainingCounters}, a static
 * per-JVM registry; the plugin only reads it. Reports are cumulative snapshots ({@link io.sparkact.plugin.ExecutorReport}),
 * so a lost or reordered message costs nothing: the driver keeps each executor's newest one.
 *
 * <p>Driver side ({@link io.sparkact.plugin.DriverSide}): {@link io.sparkact.plugin.ClusterView} merges the newest
 * report of every executor into the same gauges ({@link io.sparkact.plugin.MetricNames}), served by the driver's
 * metrics sinks (the UI's {@code /metrics/json}, or {@code /metrics/prometheus} with the Prometheus servlet).
 */
package io.sparkact.plugin;
