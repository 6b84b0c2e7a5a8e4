package io.sparkact.plugin;

import io.sparkact.health.HealthStats;
import java.util.HashMap;
import java.util.Map;

/**
 * The driver's aggregate of the newest {@link ExecutorReport} of every executor: counts are summed, the last
 * score is the most recent one (by its wall-clock time) of any executor, ND4J threads the largest reported, and
 * the per-layer dead fraction comes from the health statistics of the latest probe pass (the highest stage id any
 * executor reported) merged over the executors that took part in it — a unit is dead only if it is dead on every
 * executor's share of the validation data, so the merge is that of {@link HealthStats}, not a mean of fractions.
 */
public final class ClusterView implements TrainingView {

    private final Map<String, ExecutorReport> newest = new HashMap<>();

    /** Keeps {@code report} unless a newer one from its executor is already here (messages may be reordered). */
    public synchronized void update(ExecutorReport report) {
        newest.merge(report.executorId(), report, (old, neu) -> neu.sequence() > old.sequence() ? neu : old);
    }

    /** Executors heard from. */
    public synchronized int executors() {
        return newest.size();
    }

    @Override
    public synchronized long examplesTrained() {
        return newest.values().stream().mapToLong(ExecutorReport::examples).sum();
    }

    @Override
    public synchronized long minibatches() {
        return newest.values().stream().mapToLong(ExecutorReport::minibatches).sum();
    }

    @Override
    public synchronized double lastScore() {
        ExecutorReport latest = null;
        for (ExecutorReport r : newest.values()) {
            if (!Double.isNaN(r.lastScore()) && (latest == null || r.scoreMillis() > latest.scoreMillis())) {
                latest = r;
            }
        }
        return latest == null ? Double.NaN : latest.lastScore();
    }

    @Override
    public synchronized int nd4jThreads() {
        return newest.values().stream().mapToInt(ExecutorReport::nd4jThreads).max().orElse(0);
    }

    @Override
    public synchronized double deadFraction(int layer) {
        return deadFraction(latestHealth(), layer);
    }

    /** The latest probe pass's statistics merged over the executors that reported it; null if none did. */
    synchronized HealthStats latestHealth() {
        int pass = newest.values().stream().filter(r -> r.health() != null).mapToInt(ExecutorReport::healthPass)
                .max().orElse(-1);
        HealthStats merged = null;
        for (ExecutorReport r : newest.values()) {
            if (r.health() != null && r.healthPass() == pass) {
                merged = merged == null ? r.health().copy() : merged.merge(r.health().copy());
            }
        }
        return merged;
    }

    /** Layer {@code layer}'s dead fraction in {@code stats}; NaN for no statistics or no such layer. */
    static double deadFraction(HealthStats stats, int layer) {
        if (stats == null || layer < 0 || layer >= stats.layerCount()) {
            return Double.NaN;
        }
        return stats.layer(layer).deadFraction();
    }
}
