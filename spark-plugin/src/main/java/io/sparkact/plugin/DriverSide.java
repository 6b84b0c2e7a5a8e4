package io.sparkact.plugin;

import com.codahale.metrics.Gauge;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;

/** The driver half of {@link SparkActPlugin}: collects executor reports into a {@link ClusterView} and gauges it. */
final class DriverSide implements DriverPlugin {

    private final ClusterView view = new ClusterView();

    @Override
    public Map<String, String> init(SparkContext sc, PluginContext ctx) {
        PluginSettings.reportIntervalMs(sc.getConf()); // a bad value fails the application here, not on every executor
        return Map.of();
    }

    @Override
    public void registerMetrics(String appId, PluginContext ctx) {
        MetricNames.register(ctx.metricRegistry(), view);
        ctx.metricRegistry().register(MetricNames.EXECUTORS, (Gauge<Integer>) view::executors);
    }

    @Override
    public Object receive(Object message) {
        if (!(message instanceof ExecutorReport)) {
            throw new IllegalArgumentException("SparkActPlugin driver expects an ExecutorReport, got "
                    + (message == null ? "null" : message.getClass().getName()));
        }
        view.update((ExecutorReport) message);
        return null;
    }

    /** The aggregate, for tests and for code running on the driver. */
    ClusterView view() {
        return view;
    }
}
