package io.sparkact.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** One epoch of training: the metrics.json {@code epochs} element {epoch, train_loss, val_auc, val_logloss, seconds}. */
public record EpochRecord(int epoch, double trainLoss, double valAuc, double valLogloss, double seconds) {

    /** As metrics.json writes it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("train_loss", jsonNumber(trainLoss));
        m.put("val_auc", jsonNumber(valAuc));
        m.put("val_logloss", jsonNumber(valLogloss));
        m.put("seconds", seconds);
        return m;
    }

    /** JSON has no NaN or Infinity: an undefined value (e.g. AUC with one class) is written as null. */
    static Double jsonNumber(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
