package io.sparkact.plugin;

import io.sparkact.health.HealthStats;
import java.io.Serializable;

/**
 * One executor JVM's counters at one moment, as sent to the driver. Cumulative since the JVM started, so the
 * driver needs only the newest one per executor ({@code sequence} orders them).
 *
 * @param executorId   Spark's executor id ("driver" in local mode)
 * @param sequence     increases with every report of the same executor
 * @param examples     training examples fitted
 * @param minibatches  minibatches fitted
 * @param lastScore    score of the latest minibatch, NaN before the first
 * @param scoreMillis  wall-clock time of that score (orders scores across executors), 0 before the first
 * @param nd4jThreads  ND4J op threads the plugin set and read back, 0 if none
 * @param healthPass   Spark stage of the latest health probe seen on this JVM, -1 if none
 * @param health       that probe's statistics merged over this JVM's partitions, null if none
 */
public record ExecutorReport(String executorId, long sequence, long examples, long minibatches, double lastScore, long scoreMillis,
                             int nd4jThreads, int healthPass, HealthStats health) implements Serializable {

    private static final long serialVersionUID = 1L;
}
