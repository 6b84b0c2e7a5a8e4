package io.sparkact.train;

import io.sparkact.health.HealthRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's {@code state.json}: the {@link TrainingState} apart from its arrays, plus the run's fingerprint
 * and the sha256 of every array file. Numbers that JSON cannot hold (NaN) are null, read back as NaN.
 */
final class CheckpointJson {

    static final int FORMAT_VERSION = 1;

    private CheckpointJson() {
    }

    static Map<String, Object> toMap(TrainingState s, Map<String, String> fingerprint, Map<String, String> sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("epoch", s.epoch());
        m.put("seed", s.seed());
        m.put("best_epoch", s.bestEpoch());
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("auc", EpochRecord.jsonNumber(s.bestMetrics().auc()));
        best.put("logloss", EpochRecord.jsonNumber(s.bestMetrics().logloss()));
        best.put("calibration", EpochRecord.jsonNumber(s.bestMetrics().calibration()));
        best.put("count", s.bestMetrics().count());
        m.put("best_metrics", best);
        m.put("train_examples", s.trainExamples());
        m.put("fit_seconds", s.fitSeconds());
        m.put("epochs", s.epochs().stream().map(EpochRecord::toMap).toList());
        m.put("health", s.health().stream().map(HealthRecord::toMap).toList());
        m.put("fingerprint", new LinkedHashMap<>(fingerprint));
        m.put("sha256", new LinkedHashMap<>(sha256));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> fingerprint(Map<String, Object> m) {
        return (Map<String, String>) m.get("fingerprint");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> sha256(Map<String, Object> m) {
        return (Map<String, String>) m.get("sha256");
    }

    static int epoch(Map<String, Object> m) {
        return ((Number) m.get("epoch")).intValue();
    }

    static long seed(Map<String, Object> m) {
        return ((Number) m.get("seed")).longValue();
    }

    static int bestEpoch(Map<String, Object> m) {
        return ((Number) m.get("best_epoch")).intValue();
    }

    static long trainExamples(Map<String, Object> m) {
        return ((Number) m.get("train_examples")).longValue();
    }

    static double fitSeconds(Map<String, Object> m) {
        return ((Number) m.get("fit_seconds")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static EvalMetrics bestMetrics(Map<String, Object> m) {
        Map<String, Object> b = (Map<String, Object>) m.get("best_metrics");
        return new EvalMetrics(real(b.get("auc")), real(b.get("logloss")), real(b.get("calibration")),
                ((Number) b.get("count")).longValue());
    }

    @SuppressWarnings("unchecked")
    static List<EpochRecord> epochs(Map<String, Object> m) {
        List<EpochRecord> out = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) m.get("epochs")) {
            out.add(new EpochRecord(((Number) e.get("epoch")).intValue(), real(e.get("train_loss")),
                    real(e.get("val_auc")), real(e.get("val_logloss")), real(e.get("seconds"))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<HealthRecord> health(Map<String, Object> m) {
        List<HealthRecord> out = new ArrayList<>();
        for (Map<String, Object> h : (List<Map<String, Object>>) m.get("health")) {
            out.add(new HealthRecord(((Number) h.get("epoch")).intValue(), (String) h.get("layer"),
                    (String) h.get("activation"), real(h.get("dead_fraction")), real(h.get("saturated_fraction")),
                    real(h.get("mean")), real(h.get("std")), real(h.get("active_fraction")), real(h.get("max_abs")),
                    real(h.get("grad_norm"))));
        }
        return out;
    }

    private static double real(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
