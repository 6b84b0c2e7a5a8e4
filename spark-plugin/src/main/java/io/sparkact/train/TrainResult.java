package io.sparkact.train;

import io.sparkact.health.HealthRecord;
import io.sparkact.models.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What {@link SparkTrainer#train} returns.
 *
 * @param graph the trained model (the best epoch's parameters when early stopping is on)
 * @param model the spec it was built from
 * @param epochs one record per epoch that ran
 * @param bestEpoch the epoch whose parameters {@code graph} holds (1-based)
 * @param metrics validation metrics of {@code graph}
 * @param trainExamples training examples per epoch
 * @param examplesPerSec training examples per second of fitting (evaluation excluded)
 * @param trainSeconds wall time of the whole training, evaluation included
 * @param health activation health per hidden layer and epoch (metrics.json {@code health}, health.csv)
 */
public record TrainResult(ComputationGraph graph, ModelSpec model, List<EpochRecord> epochs, int bestEpoch,
                          EvalMetrics metrics, long trainExamples, double examplesPerSec, double trainSeconds,
                          List<HealthRecord> health) {

    /** A result without health records. */
    public TrainResult(ComputationGraph graph, ModelSpec model, List<EpochRecord> epochs, int bestEpoch,
                       EvalMetrics metrics, long trainExamples, double examplesPerSec, double trainSeconds) {
        this(graph, model, epochs, bestEpoch, metrics, trainExamples, examplesPerSec, trainSeconds, List.of());
    }
}
