package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkact.models.DeepFmModel;
import io.sparkact.models.DnnModel;
import io.sparkact.models.ModelSpec;
import io.sparkact.models.ModelType;
import io.sparkact.models.Models;
import io.sparkact.models.TableUpdater;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** EpochRates: the epoch's learning rates on every layer, the AdaGrad tables at their own decayed rate. */
class EpochRatesTest {

    private static ModelSpec spec(TableUpdater tables) {
        return ModelSpec.builder().type(ModelType.DEEPFM).hidden(4).embeddingDim(2).hashBuckets(20)
                .categoricalFields(2).numericInputs(1).learningRate(0.002).embeddingUpdater(tables)
                .embeddingLearningRate(0.05).build();
    }

    private static double rate(ComputationGraph g, String layer) {
        return ((BaseLayer) g.getLayer(layer).conf().getLayer()).getIUpdater().getLearningRate(0, 0);
    }

    @Test
    void epochThreeAtHalfPerEpochIsAQuarterOfEachBaseRate() {
        TrainingSpec decay = TrainingSpec.builder().lrDecay(0.5).build();
        ComputationGraph adagrad = Models.build(spec(TableUpdater.ADAGRAD));
        EpochRates.apply(adagrad, spec(TableUpdater.ADAGRAD), decay, 3);
        assertEquals(0.05 / 4, rate(adagrad, DnnModel.EMBEDDING), 1e-15);
        assertEquals(0.05 / 4, rate(adagrad, DeepFmModel.FIRST_ORDER_EMBEDDING), 1e-15);
        assertEquals(0.002 / 4, rate(adagrad, DeepFmModel.DEEP_LOGIT), 1e-15);
        assertEquals(0.002 / 4, rate(adagrad, "h0_0"), 1e-15);

        ComputationGraph adam = Models.build(spec(TableUpdater.ADAM));
        EpochRates.apply(adam, spec(TableUpdater.ADAM), decay, 3);
        assertEquals(0.002 / 4, rate(adam, DnnModel.EMBEDDING), 1e-15);
        assertEquals(0.002 / 4, rate(adam, DeepFmModel.DEEP_LOGIT), 1e-15);
    }

    @Test
    void withoutDecayTheConfiguredRatesStay() {
        ComputationGraph g = Models.build(spec(TableUpdater.ADAGRAD));
        EpochRates.apply(g, spec(TableUpdater.ADAGRAD), TrainingSpec.builder().build(), 5);
        assertEquals(0.05, rate(g, DnnModel.EMBEDDING), 1e-15);
        assertEquals(0.002, rate(g, DeepFmModel.DEEP_LOGIT), 1e-15);
    }
}
