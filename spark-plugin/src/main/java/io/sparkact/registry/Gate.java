package io.sparkact.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a challenger replaces the champion. Both were evaluated on the same holdout; the challenger
 * is promoted only if every check passes:
 * <ul>
 *   <li>{@code auc}: challenger AUC ≥ champion AUC − auc_tolerance;</li>
 *   <li>{@code logloss}: challenger logloss ≤ champion logloss + logloss_tolerance;</li>
 *   <li>{@code calibration}: low ≤ challenger calibration ≤ high.</li>
 * </ul>
 * With no champion (the first model) only the calibration check applies. A NaN metric (e.g. an AUC on a
 * holdout with one class) fails its check: a model that cannot be judged is not promoted.
 */
public final class Gate {

    private Gate() {
    }

    /** One metric: its value, the limit it was held to, the rule in words, and whether it passed. */
    public record Check(String name, double value, double limit, String rule, boolean passed) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("value", json(value));
            m.put("limit", json(limit));
            m.put("rule", rule);
            m.put("passed", passed);
            return m;
        }
    }

    /** The outcome: promoted or not, every check, and one sentence for the log. */
    public record Decision(boolean promote, List<Check> checks) {
        /** "promote: auc 0.7612 >= 0.7580, ..." or "reject: ...", the failed checks first. */
        public String reason() {
            StringBuilder sb = new StringBuilder(promote ? "promote: " : "reject: ");
            List<Check> ordered = new ArrayList<>(checks.stream().filter(c -> !c.passed()).toList());
            ordered.addAll(checks.stream().filter(Check::passed).toList());
            for (int i = 0; i < ordered.size(); i++) {
                Check c = ordered.get(i);
                sb.append(i == 0 ? "" : "; ").append(c.passed() ? "" : "FAILED ").append(c.rule());
            }
            return sb.toString();
        }

        public List<Map<String, Object>> checksAsMaps() {
            return checks.stream().map(Check::toMap).toList();
        }
    }

    /**
     * @param challenger the challenger's holdout metrics: auc, logloss, calibration
     * @param champion   the champion's on the same holdout, or null when there is none
     */
    public static Decision decide(GateSpec gate, Metrics challenger, Metrics champion) {
        List<Check> checks = new ArrayList<>();
        if (champion != null) {
            double aucLimit = champion.auc() - gate.aucTolerance();
            checks.add(new Check("auc", challenger.auc(), aucLimit, String.format(java.util.Locale.ROOT,
                    "auc %.5f >= champion %.5f - %s", challenger.auc(), champion.auc(), gate.aucTolerance()),
                    challenger.auc() >= aucLimit));
            double loglossLimit = champion.logloss() + gate.loglossTolerance();
            checks.add(new Check("logloss", challenger.logloss(), loglossLimit, String.format(java.util.Locale.ROOT,
                    "logloss %.5f <= champion %.5f + %s", challenger.logloss(), champion.logloss(),
                    gate.loglossTolerance()), challenger.logloss() <= loglossLimit));
        }
        double cal = challenger.calibration();
        boolean calOk = cal >= gate.calibrationLow() && cal <= gate.calibrationHigh();
        checks.add(new Check("calibration", cal, cal < gate.calibrationLow() ? gate.calibrationLow() : gate.calibrationHigh(),
                String.format(java.util.Locale.ROOT, "calibration %.4f in [%s, %s]", cal, gate.calibrationLow(),
                        gate.calibrationHigh()), calOk));
        return new Decision(checks.stream().allMatch(Check::passed), List.copyOf(checks));
    }

    /** Holdout metrics as the gate sees them (EvalMetrics of the train package, or read back from metrics.json). */
    public record Metrics(double auc, double logloss, double calibration) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auc", json(auc));
            m.put("logloss", json(logloss));
            m.put("calibration", json(calibration));
            return m;
        }
    }

    /** JSON has no NaN: a metric that could not be computed is written as null. */
    static Object json(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
