package io.sparkact.plugin;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor half of {@link SparkActPlugin}: checks the native backend, caps ND4J's threads, registers this JVM's
 * gauges and sends {@link TrainingCounters#snapshot} to the driver periodically and once more at shutdown.
 */
final class ExecutorSide implements ExecutorPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorSide.class);

    private PluginContext ctx;
    private ScheduledExecutorService reporter;

    @Override
    public void init(PluginContext ctx, Map<String, String> extraConf) {
        this.ctx = ctx;
        long interval = PluginSettings.reportIntervalMs(ctx.conf());
        NativeBackend.require(NativeBackend::loadNd4j);
        int cores = Nd4jThreads.executorCores(ctx.conf(), Runtime.getRuntime().availableProcessors());
        Nd4jThreads.Applied applied = Nd4jThreads.apply(cores);
        if (applied.tookEffect()) {
            LOG.info("SparkActPlugin: ND4J threads set to {} on executor {}", cores, ctx.executorID());
        } else {
            LOG.warn("SparkActPlugin: asked ND4J for {} threads on executor {}, it reports {}", cores,
                    ctx.executorID(), applied);
        }
        TrainingCounters.recordNd4jThreads(applied.masterThreads());
        // local mode: executor and driver share one metrics system and one plugin source name; the driver's
        // gauges (which then aggregate this single executor) are the ones registered
        if (!"driver".equals(ctx.executorID())) {
            MetricNames.register(ctx.metricRegistry(), TrainingCounters.view());
        }
        reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sparkact-plugin-report");
            t.setDaemon(true);
            return t;
        });
        reporter.scheduleWithFixedDelay(this::report, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
        if (reporter != null) {
            reporter.shutdownNow();
            report(); // the final counts, so a short job's last minibatches are not lost
        }
    }

    private void report() {
        try {
            ctx.send(TrainingCounters.snapshot(ctx.executorID()));
        } catch (Exception e) {
            // a failed send must not stop the schedule (an exception would cancel it); the next one repeats all
            LOG.debug("SparkActPlugin: report to the driver failed", e);
        }
    }
}
