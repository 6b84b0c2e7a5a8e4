package io.sparkact.train;

import io.sparkact.health.MergeableAccumulator;
import io.sparkact.health.TaskAccumulator;
import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Records, for every minibatch a worker fits, its data loss (binary cross-entropy without the regularisation
 * penalty) and its size into an accumulator of {@link TrainLoss}, so that an epoch's {@code train_loss} is the mean
 * over all its minibatches. Why: what dl4j-spark reports after a fit is not that. ParameterAveragingTrainingMaster
 * (1.0.0-M2, {@code processResults}) sets the network's score to the mean over workers of each worker's
 * {@code network.score()} at the end of the last split, i.e. the loss of one minibatch per worker: 512 rows of a
 * 240,000-row epoch at batch 256 on local[2], whose logloss varies by a few hundredths from minibatch to minibatch
 * (a 300k-row run reported 0.2194 after epoch 4 and 0.2710 after epoch 5 at a lower learning rate).
 *
 * <p>Read in {@link #onBackwardPass}: {@code ComputationGraph.computeGradientAndScore} calls it once the minibatch's
 * score is set (its mean loss plus {@code calcRegularizationScore(true)}) and before it clears the layers' inputs and
 * before the updater steps, so subtracting {@code calcRegularizationScore(true)} here takes off exactly what was
 * added: the same parameters and, for the embedding layer's mini-batch aware L2, the same minibatch rows. (By
 * {@code onGradientCalculation} the inputs are cleared and that layer would report only its plain L2 part.)
 */
public final class TrainLossListener extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TaskAccumulator<TrainLoss> accumulator;

    /** @param accumulator registered on the driver */
    public TrainLossListener(MergeableAccumulator<TrainLoss> accumulator) {
        this.accumulator = new TaskAccumulator<>(accumulator);
    }

    @Override
    public void onBackwardPass(Model model) {
        int examples = model.batchSize();
        if (examples <= 0 || !(model instanceof ComputationGraph graph)) {
            return;
        }
        accumulator.add(TrainLoss.of(graph.score() - graph.calcRegularizationScore(true), examples));
    }
}
