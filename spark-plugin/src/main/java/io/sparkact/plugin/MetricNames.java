package io.sparkact.plugin;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

/**
 * The plugin's gauge names, the same on executors and on the driver. Spark prefixes them with
 * {@code <namespace>.<executor id or "driver">.plugin.io.sparkact.plugin.SparkActPlugin.}; the names here are the
 * stable part. Gauges are registered once at plugin start (Spark copies a plugin's registry into its metrics system
 * only then), so per-layer gauges exist for {@link #LAYER_SLOTS} layers whatever the network; unused ones read NaN.
 */
public final class MetricNames {

    public static final String EXAMPLES = "training.examples";
    public static final String MINIBATCHES = "training.minibatches";
    public static final String LAST_SCORE = "training.lastScore";
    public static final String ND4J_THREADS = "nd4j.threads";
    /** Driver only: how many executors have reported. */
    public static final String EXECUTORS = "executors.reporting";
    /** Per-layer gauges: {@code health.layer<i>.deadFraction}, i = 0 … LAYER_SLOTS − 1. */
    public static final int LAYER_SLOTS = 8;

    private MetricNames() {
    }

    public static String deadFraction(int layer) {
        return "health.layer" + layer + ".deadFraction";
    }

    /** Registers the gauges common to both sides, each reading {@code view} when sampled. */
    static void register(MetricRegistry registry, TrainingView view) {
        registry.register(EXAMPLES, (Gauge<Long>) view::examplesTrained);
        registry.register(MINIBATCHES, (Gauge<Long>) view::minibatches);
        registry.register(LAST_SCORE, (Gauge<Double>) view::lastScore);
        registry.register(ND4J_THREADS, (Gauge<Integer>) view::nd4jThreads);
        for (int i = 0; i < LAYER_SLOTS; i++) {
            int layer = i;
            registry.register(deadFraction(i), (Gauge<Double>) () -> view.deadFraction(layer));
        }
    }
}
