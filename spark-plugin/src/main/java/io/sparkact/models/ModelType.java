package io.sparkact.models;

import java.util.Arrays;
import java.util.Locale;

/** The CTR model families. */
public enum ModelType {
    /** Embedding + MLP (Covington et al., "Deep Neural Networks for YouTube Recommendations", 2016). */
    DNN,
    /** Factorisation machine + MLP (Guo et al., "DeepFM", IJCAI 2017): {@link DeepFmModel}. */
    DEEPFM,
    /** Deep Interest Network (Zhou et al., KDD 2018): attention over a behaviour sequence; see {@link DinModel}. */
    DIN;

    /** Config spelling: lower case ("dnn"). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "dnn" / "deepfm" / "din" (any case); errors name the config key. */
    public static ModelType parse(String text) {
        for (ModelType t : values()) {
            if (t.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("model.type given invalid value " + text + "; allowed: one of "
                + Arrays.toString(Arrays.stream(values()).map(ModelType::configName).toArray()));
    }
}
