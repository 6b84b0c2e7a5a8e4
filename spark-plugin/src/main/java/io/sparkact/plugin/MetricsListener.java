package io.sparkact.plugin;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Counts fitted minibatches and examples and keeps the latest score in this JVM's {@link TrainingCounters}. Set it
 * on the {@code SparkComputationGraph}: the training masters ship it to the workers, where every deserialised copy
 * writes to the same static counters, so it needs no per-task bookkeeping (unlike an accumulator).
 */
public final class MetricsListener extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public void onGradientCalculation(Model model) {
        // called once per minibatch while its labels are still set (iterationDone may come after they are cleared)
        TrainingCounters.recordMinibatch(model.batchSize());
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        TrainingCounters.recordScore(model.score());
    }
}
