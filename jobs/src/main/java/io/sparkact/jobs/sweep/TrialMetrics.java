package io.sparkact.jobs.sweep;

import io.sparkact.health.HealthRecord;
import io.sparkact.train.EpochRecord;
import io.sparkact.train.TrainResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished trial reports, as plain JSON-ready maps and lists (so it crosses from a Spark task to the
 * driver by Java serialisation): the {@code metrics}, {@code health} and {@code health_summary} members of a
 * trial file (see the package documentation).
 */
final class TrialMetrics {

    private TrialMetrics() {
    }

    static LinkedHashMap<String, Object> of(TrainResult r) {
        LinkedHashMap<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("auc", json(r.metrics().auc()));
        metrics.put("logloss", json(r.metrics().logloss()));
        metrics.put("calibration", json(r.metrics().calibration()));
        metrics.put("examples_per_sec", json(r.examplesPerSec()));
        metrics.put("train_seconds", json(r.trainSeconds()));
        metrics.put("train_examples", r.trainExamples());
        metrics.put("best_epoch", r.bestEpoch());
        metrics.put("epochs", new ArrayList<>(r.epochs().stream().map(EpochRecord::toMap).toList()));
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("metrics", metrics);
        out.put("health", new ArrayList<>(r.health().stream().map(HealthRecord::toMap).toList()));
        out.put("health_summary", summary(r.health(), r.bestEpoch()));
        return out;
    }

    /** Mean over the hidden layers of the dead and saturated fractions at the epoch whose model is the result. */
    static LinkedHashMap<String, Object> summary(List<HealthRecord> health, int epoch) {
        double dead = 0;
        double saturated = 0;
        int n = 0;
        for (HealthRecord h : health) {
            if (h.epoch() == epoch) {
                dead += h.deadFraction();
                saturated += h.saturatedFraction();
                n++;
            }
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("layers", n);
        m.put("dead_fraction", n == 0 ? null : json(dead / n));
        m.put("saturated_fraction", n == 0 ? null : json(saturated / n));
        return m;
    }

    private static Double json(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A member of a result map as a map (for readers of trial files). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }
}
