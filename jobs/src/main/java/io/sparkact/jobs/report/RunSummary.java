package io.sparkact.jobs.report;

import java.util.List;

/**
 * What the report needs from one run's {@code metrics.json}. Values missing or null in the file (NaN written as
 * null by train) are {@link Double#NaN}; the charts leave them out and the tables show "–".
 *
 * @param source the file it was read from, shown in the report's list of inputs
 * @param activation the canonical activation spec, e.g. {@code lrelu6(alpha=0.02)}
 * @param setting for a sweep trial, its swept values other than activation and seed (e.g.
 *                {@code learning_rate=0.003 epochs=2}), shown in the list of inputs; empty for a train output
 * @param epochs one record per epoch in file order
 * @param health one record per hidden layer and epoch in file order
 */
public record RunSummary(String source, String activation, String model, String setting, double auc,
                         double logloss, double calibration, double examplesPerSec, double trainSeconds,
                         List<Epoch> epochs, List<LayerHealth> health) {

    public RunSummary {
        epochs = List.copyOf(epochs);
        health = List.copyOf(health);
    }

    /** One element of {@code epochs}. */
    public record Epoch(int epoch, double trainLoss, double valAuc, double valLogloss, double seconds) {
    }

    /** The fields of one element of {@code health} that the report draws (fractions in [0, 1]). */
    public record LayerHealth(int epoch, String layer, double deadFraction, double saturatedFraction,
                              double activeFraction, double gradNorm) {
    }

    /** The last epoch that has health records, or 0 when there are none. */
    public int lastHealthEpoch() {
        return health.stream().mapToInt(LayerHealth::epoch).max().orElse(0);
    }
}
