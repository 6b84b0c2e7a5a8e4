package io.sparkact.train;

import io.sparkact.layers.EmbeddingLookupLayer;
import io.sparkact.models.ModelSpec;
import io.sparkact.models.TableUpdater;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Sets the learning rates of one epoch (training.lr_decay) on a graph: every layer at
 * {@code learning_rate·decay^(epoch−1)}, and with AdaGrad tables (training.embedding_updater) the embedding tables at
 * {@code embedding_learning_rate·decay^(epoch−1)}. One place for both trainers, so that a decaying run never hands
 * the tables the Adam rate (DL4J's {@code setLearningRate(double)} sets every layer's updater).
 */
final class EpochRates {

    private EpochRates() {
    }

    /** Applies epoch {@code epoch}'s rates (1-based); nothing to do without decay (the configuration holds them). */
    static void apply(ComputationGraph graph, ModelSpec model, TrainingSpec training, int epoch) {
        if (training.lrDecay() == 1) {
            return;
        }
        graph.setLearningRate(training.learningRate(model.learningRate(), epoch));
        if (model.embeddingUpdater() == TableUpdater.ADAM) {
            return;
        }
        double tables = training.learningRate(model.embeddingLearningRate(), epoch);
        for (var e : graph.getConfiguration().getVertices().entrySet()) {
            GraphVertex v = e.getValue();
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof EmbeddingLookupLayer) {
                graph.setLearningRate(e.getKey(), tables);
            }
        }
    }
}
