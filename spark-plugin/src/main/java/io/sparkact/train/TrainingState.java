package io.sparkact.train;

import io.sparkact.health.HealthRecord;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything {@link SparkTrainer} needs to continue a run after a complete epoch: what an epoch checkpoint
 * holds ({@link CheckpointStore}). Training resumes at epoch {@code epoch + 1}; the data position is the epoch
 * boundary (an interrupted epoch is trained again from its start, with the same per-epoch shuffle, see
 * {@link SparkTrainer#epochSeed}).
 *
 * @param epoch the last complete epoch (1-based)
 * @param seed the model seed the run started with (initialisation and the per-epoch shuffles derive from it)
 * @param model the model after {@code epoch}: parameters, updater state (Adam's moments) and iteration count
 * @param epochs the records of epochs 1..{@code epoch}
 * @param health the health records of epochs 1..{@code epoch}
 * @param bestEpoch early stopping: the epoch with the lowest validation logloss so far (the last one without it)
 * @param bestMetrics that epoch's validation metrics
 * @param bestParams that epoch's parameters, or null when it is {@code epoch} (then they are the model's)
 * @param bestUpdaterState that epoch's updater state, or null as for {@code bestParams}
 * @param trainExamples training examples per epoch
 * @param fitSeconds seconds spent fitting so far (examples/s in metrics.json counts fitting only)
 */
public record TrainingState(int epoch, long seed, ComputationGraph model, List<EpochRecord> epochs,
                            List<HealthRecord> health, int bestEpoch, EvalMetrics bestMetrics, INDArray bestParams,
                            INDArray bestUpdaterState, long trainExamples, double fitSeconds) {

    public TrainingState {
        epochs = List.copyOf(epochs);
        health = List.copyOf(health);
        if (epoch < 1 || epochs.size() != epoch) {
            throw new IllegalArgumentException("a checkpoint after epoch " + epoch + " needs " + epoch
                    + " epoch records, got " + epochs.size());
        }
        if (bestEpoch < 1 || bestEpoch > epoch || (bestEpoch < epoch) != (bestParams != null)) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " of " + epoch
                    + (bestParams == null ? " without" : " with") + " best parameters");
        }
    }

    /** True when early stopping with {@code patience} (0 = off) ends the run after this state's epoch. */
    public boolean stopsEarly(int patience) {
        return patience > 0 && epoch - bestEpoch >= patience;
    }
}
