package io.sparkact.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.registry.Manifests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * training.embedding_updater: defaults, bad values, the tables' own rate and update rule, save/load, manifests.
 *
 * <p>Golden values come from the updaters' definitions, not from this code: from zero history the first step of
 * AdaGrad is lr·g/(√(g²)+ε) (Duchi, Hazan and Singer 2011) and the first bias-corrected step of Adam is
 * lr·g/(|g|+ε) (Kingma and Ba 2015, algorithm 1), so every coordinate with |g| ≫ ε moves by its updater's
 * learning rate, whatever g is.
 */
class TableUpdaterTest {

    private static final int BUCKETS = 40;
    private static final double NET_RATE = 0.001;
    private static final double TABLE_RATE = 0.05;

    /** A deepfm (two tables: the shared embedding and the first-order weights) without dense L2 on the tables. */
    private static ModelSpec spec(TableUpdater tables) {
        return ModelSpec.builder().type(ModelType.DEEPFM).activation("relu").hidden(6).embeddingDim(3)
                .hashBuckets(BUCKETS).categoricalFields(2).numericInputs(1).learningRate(NET_RATE)
                // l2 0: a dense L2 would give every row a gradient, present in the minibatch or not
                .l2(0).embeddingUpdater(tables).embeddingLearningRate(TABLE_RATE).seed(3).build();
    }

    private static IUpdater updater(ComputationGraph g, String layer) {
        return ((BaseLayer) g.getLayer(layer).conf().getLayer()).getIUpdater();
    }

    /** A minibatch of 8 rows whose two categorical fields take ids in [from, from + 8). */
    private static MultiDataSet batch(int from) {
        INDArray cat = Nd4j.create(DataType.FLOAT, 8, 2);
        INDArray num = Nd4j.create(DataType.FLOAT, 8, 1);
        INDArray label = Nd4j.create(DataType.FLOAT, 8, 1);
        for (int i = 0; i < 8; i++) {
            cat.putScalar(i, 0, from + i);
            cat.putScalar(i, 1, from + (i + 3) % 8);
            num.putScalar(i, 0, 0.5 * i - 2);
            label.putScalar(i, 0, i % 3 == 0 ? 1 : 0);
        }
        return new MultiDataSet(new INDArray[] {cat, num}, new INDArray[] {label});
    }

    @Test
    void defaultIsAdamEverywhereAndLeavesTheManifestAsBefore() {
        ModelSpec plain = ModelSpec.builder().categoricalFields(2).numericInputs(1).build();
        assertEquals(TableUpdater.ADAM, plain.embeddingUpdater());
        assertEquals(0.05, plain.embeddingLearningRate());
        assertFalse(plain.toMap().containsKey("embedding_updater"));
        assertFalse(plain.toMap().containsKey("embedding_learning_rate"));
        ComputationGraph g = Models.build(spec(TableUpdater.ADAM));
        for (String table : new String[] {DnnModel.EMBEDDING, DeepFmModel.FIRST_ORDER_EMBEDDING}) {
            Adam adam = assertInstanceOf(Adam.class, updater(g, table));
            assertEquals(NET_RATE, adam.getLearningRate());
        }
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatIsAllowed() {
        for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder()
                    .categoricalFields(2).embeddingUpdater(TableUpdater.ADAGRAD).embeddingLearningRate(bad).build());
            assertEquals("training.embedding_learning_rate given invalid value " + bad + "; allowed: a finite number > 0",
                    e.getMessage());
        }
        // with adam the key would be ignored silently: refused instead
        IllegalArgumentException ignored = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder()
                .categoricalFields(2).embeddingLearningRate(0.1).build());
        assertTrue(ignored.getMessage().startsWith("training.embedding_learning_rate given invalid value 0.1; allowed: "
                + "0.05 (the default) with training.embedding_updater=adam"), ignored.getMessage());
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class, () -> TableUpdater.parse("sgd"));
        assertEquals("training.embedding_updater given invalid value sgd; allowed: one of [adam, adagrad]",
                parse.getMessage());
        assertEquals(TableUpdater.ADAGRAD, TableUpdater.parse(" AdaGrad "));
    }

    @Test
    void adagradTablesStepAtTheirOwnRateAndTheRestAtAdams() {
        ComputationGraph g = Models.build(spec(TableUpdater.ADAGRAD));
        assertEquals(TABLE_RATE, assertInstanceOf(AdaGrad.class, updater(g, DnnModel.EMBEDDING)).getLearningRate());
        assertInstanceOf(AdaGrad.class, updater(g, DeepFmModel.FIRST_ORDER_EMBEDDING));
        assertInstanceOf(Adam.class, updater(g, DeepFmModel.DEEP_LOGIT));
        INDArray table = g.getLayer(DnnModel.EMBEDDING).getParam("W").dup();
        INDArray dense = g.getLayer(DeepFmModel.DEEP_LOGIT).getParam("W").dup();
        g.fit(batch(0));
        double tableStep = g.getLayer(DnnModel.EMBEDDING).getParam("W").sub(table).amaxNumber().doubleValue();
        double denseStep = g.getLayer(DeepFmModel.DEEP_LOGIT).getParam("W").sub(dense).amaxNumber().doubleValue();
        assertEquals(TABLE_RATE, tableStep, TABLE_RATE * 1e-3, "largest first step of the AdaGrad table");
        assertEquals(NET_RATE, denseStep, NET_RATE * 1e-3, "largest first step of the Adam output weights");
        // rows 8.. did not occur: no gradient, no step
        INDArray after = g.getLayer(DnnModel.EMBEDDING).getParam("W");
        for (int row = 8; row < BUCKETS; row++) {
            assertEquals(table.getRow(row), after.getRow(row), "row " + row + " moved without occurring");
        }
    }

    /** The property that motivates AdaGrad for sparse rows: a row absent from a minibatch stays where it is. */
    @Test
    void rowsAbsentFromTheMinibatchStayPutUnderAdagradAndDriftUnderAdam() {
        for (TableUpdater u : TableUpdater.values()) {
            ComputationGraph g = Models.build(spec(u));
            g.fit(batch(0));                                  // ids 0..7 get a gradient, and Adam a momentum
            INDArray afterFirst = g.getLayer(DnnModel.EMBEDDING).getParam("W").dup();
            g.fit(batch(16));                                 // ids 16..23 only
            INDArray afterSecond = g.getLayer(DnnModel.EMBEDDING).getParam("W");
            double drift = afterSecond.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).sub(afterFirst.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8), org.nd4j.linalg.indexing.NDArrayIndex.all()))
                    .amaxNumber().doubleValue();
            if (u == TableUpdater.ADAGRAD) {
                assertEquals(0.0, drift, "AdaGrad moved rows 0..7 in a minibatch without them");
            } else {
                // Adam's second step of a row whose gradient is now 0: lr·m̂/√v̂ with m and v from step 1,
                // β1 = 0.9, β2 = 0.999: lr·(0.9·0.1/0.19)/√(0.999·0.001/0.001999) ≈ 0.67·lr
                assertEquals(0.67 * NET_RATE, drift, 0.01 * NET_RATE, "Adam's momentum step of rows 0..7");
            }
        }
    }

    @Test
    void saveAndLoadKeepTheTablesUpdaterAndItsState() throws IOException {
        ComputationGraph g = Models.build(spec(TableUpdater.ADAGRAD));
        g.fit(batch(0));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, zip, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip.toByteArray()), true);
        assertEquals(TABLE_RATE, assertInstanceOf(AdaGrad.class, updater(back, DnnModel.EMBEDDING)).getLearningRate());
        assertInstanceOf(Adam.class, updater(back, DeepFmModel.DEEP_LOGIT));
        assertEquals(g.params(), back.params());
        assertEquals(g.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        // the restored model trains on exactly as the original does
        g.fit(batch(16));
        back.fit(batch(16));
        assertEquals(g.params(), back.params());
    }

    @Test
    void manifestsRecordAdagradAndReadOldOnesAsAdam() throws IOException {
        ModelSpec s = spec(TableUpdater.ADAGRAD);
        assertEquals("adagrad", s.toMap().get("embedding_updater"));
        assertEquals(TABLE_RATE, s.toMap().get("embedding_learning_rate"));
        ModelSpec back = Manifests.modelSpec(Map.of("model", s.toMap()), "test");
        assertEquals(s.toMap(), back.toMap());
        Map<String, Object> old = new HashMap<>(spec(TableUpdater.ADAM).toMap());
        assertNull(old.get("embedding_updater"));
        ModelSpec oldBack = Manifests.modelSpec(Map.of("model", old), "test");
        assertEquals(TableUpdater.ADAM, oldBack.embeddingUpdater());
    }
}
