package io.sparkact.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** One epoch of training: the metrics.json {@code epochs} element {epoch, train_loss, val_auc, val_logloss, seconds}. */
public record EpochRecord(int epoch, double trainLoss, double valAuc, double valLogloss, double seconds) {

    /** As metrics.json writes it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("train_loss", trainLoss);
        m.put("val_auc", valAuc);
        m.put("val_logloss", valLogloss);
        m.put("seconds", seconds);
        return m;
    }
}
