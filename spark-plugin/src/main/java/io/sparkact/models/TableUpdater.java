package io.sparkact.models;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The optimiser of the embedding tables (training.embedding_updater). Every other weight uses Adam at
 * training.learning_rate.
 *
 * <p>Why a choice of its own: an embedding row is updated only in the minibatches where its id occurs, and most ids
 * of a click log are rare. AdaGrad's per-coordinate rate, lr / sqrt(sum of the coordinate's squared gradients),
 * gives such a row large steps on its first occurrences and smaller ones as evidence accumulates, and leaves it
 * where it is between occurrences; Adam's moments keep moving it after the id has gone (Duchi, Hazan and Singer,
 * "Adaptive Subgradient Methods", JMLR 2011; per-coordinate rates for sparse CTR features: McMahan et al., "Ad
 * Click Prediction: a View from the Trenches", KDD 2013).
 *
 * <p>Measured on 300k generated rows with {@code conf/deepfm-generated.conf} (local[2], val AUC; README, "Measured so
 * far"): AdaGrad tables at 0.05 gave 0.8039 and 0.8033 with seeds 42 and 7, Adam tables 0.8031 and 0.8035. It learns
 * faster (0.7953 after epoch 1 against 0.7933) but ends on the same plateau, so adam stays the default. The choice
 * exists for data where that may differ (tables of millions of ids), which was not measured.
 */
public enum TableUpdater {
    /** The network's Adam at training.learning_rate, like every other weight. */
    ADAM,
    /** AdaGrad at training.embedding_learning_rate on the tables (DL4J's {@link AdaGrad}, epsilon 1e-6). */
    ADAGRAD;

    /** Config spelling: lower case ("adam"). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tables' own updater at {@code learningRate}, or null for {@link #ADAM} (the network's updater applies). */
    public IUpdater tableUpdater(double learningRate) {
        return this == ADAGRAD ? new AdaGrad(learningRate) : null;
    }

    /** Parses "adam" / "adagrad" (any case); errors name the config key. */
    public static TableUpdater parse(String text) {
        for (TableUpdater t : values()) {
            if (t.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("training.embedding_updater given invalid value " + text + "; allowed: one of "
                + Arrays.toString(Arrays.stream(values()).map(TableUpdater::configName).toArray()));
    }
}
