package io.sparkact.plugin;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * SparkAct's Spark plugin: enable with {@code --conf spark.plugins=io.sparkact.plugin.SparkActPlugin}.
 *
 * <p>On each executor it fails fast if ND4J's native backend cannot load, caps ND4J's threads at the executor's
 * cores and publishes training progress (examples, minibatches, last score, per-layer dead fraction of the latest
 * health probe); on the driver it exposes the cluster-wide aggregate under the same metric names
 * ({@link MetricNames}) plus {@code executors.reporting}. The counters are fed by {@link MetricsListener} and the
 * health probe through {@link TrainingCounters}.
 */
public final class SparkActPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return new DriverSide();
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorSide();
    }
}
