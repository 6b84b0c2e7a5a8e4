package io.sparkact.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.metrics.source.Source;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import scala.collection.JavaConverters;

/**
 * The plugin's whole path in local mode (executor and driver in this JVM): executor init sets ND4J's threads to the
 * local[2] slots, tasks write {@link TrainingCounters}, reports reach the driver, the driver's gauges show them, and
 * the executor side leaves the (shared) metric source name to the driver.
 */
class LocalModePluginTest {

    private static final String SOURCE = "plugin." + SparkActPlugin.class.getName();

    @Test
    void tasksCountsReachTheDriversGauges() throws InterruptedException {
        Nd4jThreads.Applied before = Nd4jThreads.current();
        // counters are per JVM and other tests in this JVM may have trained: count from here
        long baseExamples = TrainingCounters.view().examplesTrained();
        long baseBatches = TrainingCounters.view().minibatches();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("LocalModePluginTest")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.plugins", SparkActPlugin.class.getName())
                .set(PluginSettings.REPORT_INTERVAL_KEY, "100");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            // ten "minibatches" of 1..10 examples: 55 examples
            sc.parallelize(IntStream.rangeClosed(1, 10).boxed().toList(), 2)
                    .foreach(n -> TrainingCounters.recordMinibatch(n));
            List<Source> sources = JavaConverters.seqAsJavaList(sc.env().metricsSystem().getSourcesByName(SOURCE));
            assertEquals(1, sources.size(), "one plugin source: the driver's");
            MetricRegistry registry = sources.get(0).metricRegistry();
            long expected = baseExamples + 55;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (gauge(registry, MetricNames.EXAMPLES) != expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(expected, gauge(registry, MetricNames.EXAMPLES));
            assertEquals(baseBatches + 10, gauge(registry, MetricNames.MINIBATCHES));
            assertEquals(1L, gauge(registry, MetricNames.EXECUTORS));
            // local[2]: two task slots, so two threads per op (or fewer if libnd4j's pool is smaller)
            assertEquals((long) Math.min(2, before.poolThreads()), gauge(registry, MetricNames.ND4J_THREADS));
            assertEquals(Math.min(2, before.poolThreads()), Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        } finally {
            Nd4jThreads.apply(before.masterThreads());
            Nd4j.factory().blas().setMaxThreads(before.blasThreads());
        }
    }

    private static long gauge(MetricRegistry registry, String name) {
        Gauge<?> g = registry.getGauges().get(name);
        return ((Number) g.getValue()).longValue();
    }
}
