package io.sparkact.plugin;

/**
 * What the plugin's gauges show: one executor's own counters ({@link TrainingCounters}) or the cluster's
 * ({@link ClusterView}). NaN means "not known yet".
 */
public interface TrainingView {

    /** Training examples fitted (every epoch counts again). */
    long examplesTrained();

    /** Minibatches fitted. */
    long minibatches();

    /** The training score (loss) of the most recently fitted minibatch; NaN before the first one. */
    double lastScore();

    /** ND4J's threads per op, {@code maxMasterThreads} (executor side: this JVM's; driver side: the largest any executor reported); 0 if unknown. */
    int nd4jThreads();

    /**
     * Dead fraction of hidden layer {@code layer} (0-based) in the latest health probe: units that passed no
     * gradient on any validation example the probe has seen so far. NaN without a probe or past the last layer.
     */
    double deadFraction(int layer);
}
