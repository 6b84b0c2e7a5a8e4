package io.sparkact.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The promotion gate's tolerances ({@code gate.*}), validated once here.
 *
 * @param aucTolerance      how much lower than the champion's the challenger's AUC may be (≥ 0)
 * @param loglossTolerance  how much higher than the champion's the challenger's logloss may be (≥ 0)
 * @param calibrationLow    lowest allowed calibration (mean prediction / observed rate), in (0, 1]
 * @param calibrationHigh   highest allowed calibration, ≥ 1
 */
public record GateSpec(double aucTolerance, double loglossTolerance, double calibrationLow, double calibrationHigh) {

    public GateSpec {
        if (!(aucTolerance >= 0 && aucTolerance <= 1)) {
            throw new IllegalArgumentException("gate.auc_tolerance given invalid value " + aucTolerance
                    + "; allowed: 0 <= gate.auc_tolerance <= 1");
        }
        if (!(loglossTolerance >= 0 && Double.isFinite(loglossTolerance))) {
            throw new IllegalArgumentException("gate.logloss_tolerance given invalid value " + loglossTolerance
                    + "; allowed: a finite number >= 0");
        }
        if (!(calibrationLow > 0 && calibrationLow <= 1 && calibrationHigh >= 1 && Double.isFinite(calibrationHigh))) {
            throw new IllegalArgumentException("gate.calibration_range given invalid value [" + calibrationLow + ", "
                    + calibrationHigh + "]; allowed: [low, high] with 0 < low <= 1 <= high");
        }
    }

    /** As recorded in decisions/N.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc_tolerance", aucTolerance);
        m.put("logloss_tolerance", loglossTolerance);
        m.put("calibration_range", List.of(calibrationLow, calibrationHigh));
        return m;
    }
}
