package io.sparkact.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.EmbeddingLookupLayer;
import io.sparkact.testing.LayerChecks;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * {@link EmbeddingLookupLayer} against DL4J's EmbeddingSequenceLayer, which every model held before issue 10:
 * the same initial parameters draw for draw, the same outputs and gradients, and models saved with the old layer
 * still load, score and train (warm start). The "legacy" graphs are the models' own configurations with each
 * embedding turned back into the EmbeddingSequenceLayer JSON the old DnnModel.embedding wrote (NWC, no bias,
 * fixed input length), i.e. what a model.zip saved before the change contains.
 */
class LegacyEmbeddingTest {

    private static final String NEW = EmbeddingLookupLayer.class.getName();
    private static final String OLD = EmbeddingSequenceLayer.class.getName();

    /** The spec of each model family (dnn, deepfm with its width-1 first-order table, din with a masked sequence). */
    private static ModelSpec spec(String family) {
        switch (family) {
            case "dnn":
                return DnnModelTest.spec("relu", 3, 2);
            case "deepfm":
                return ModelSpec.builder().type(ModelType.DEEPFM).activation("relu").hidden(8, 4).embeddingDim(3)
                        .hashBuckets(50).categoricalFields(3).numericInputs(2).build();
            default:
                return DinModelTest.spec(ModelType.DIN, "dice");
        }
    }

    /** Inputs and input masks (din's categorical mask) for a family. */
    private static Pair<INDArray[], INDArray[]> inputs(String family) {
        if (family.equals("din")) {
            INDArray[] in = DinModelTest.inputs(DataType.FLOAT);
            return new Pair<>(new INDArray[] {in[0], in[1]}, new INDArray[] {in[2], null});
        }
        return new Pair<>(DnnModelTest.inputs(DataType.FLOAT, 16, 3, 2, 21), null);
    }

    static ComputationGraph legacy(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(legacyConf(conf));
        g.init();
        return g;
    }

    /** The configuration with every EmbeddingLookupLayer written as the old EmbeddingSequenceLayer JSON. */
    static ComputationGraphConfiguration legacyConf(ComputationGraphConfiguration conf) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode tree = mapper.readTree(conf.toJson());
            int replaced = replaceEmbeddings(tree);
            assertTrue(replaced > 0, "no embedding in the configuration");
            String json = mapper.writeValueAsString(tree);
            assertTrue(json.contains(OLD) && !json.contains(NEW));
            return ComputationGraphConfiguration.fromJson(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int replaceEmbeddings(JsonNode node) {
        int n = 0;
        if (node instanceof ObjectNode o && o.has("@class") && NEW.equals(o.get("@class").asText())) {
            o.put("@class", OLD);
            o.put("hasBias", false);
            o.put("inferInputLength", false);
            o.put("outputFormat", RNNFormat.NWC.name());
            n++;
        }
        for (JsonNode child : node) {
            n += replaceEmbeddings(child);
        }
        return n;
    }

    /** Same seed → the same parameters bit for bit: the initializer reproduces DL4J's draws (and deepfm's N(0, 0.01²)). */
    @ParameterizedTest
    @ValueSource(strings = {"dnn", "deepfm", "din"})
    void initialParametersAreDl4jsDrawForDraw(String family) {
        ComputationGraph now = DnnModel.build(spec(family));
        ComputationGraph old = legacy(now.getConfiguration());
        assertTrue(old.getLayer(DnnModel.EMBEDDING).conf().getLayer() instanceof EmbeddingSequenceLayer);
        LayerChecks.assertIdentical(old.params(), now.params());
        if (family.equals("dnn")) {
            // DL4J's Xavier with fan-in 1 (a one-hot row): std √(2 / (1 + dim)); dim 3 → 0.7071. 150 draws: ±0.12
            double std = now.getLayer(DnnModel.EMBEDDING).getParam("W").stdNumber().doubleValue();
            assertEquals(Math.sqrt(2.0 / 4), std, 0.12);
        }
        if (family.equals("deepfm")) {
            double std = now.getLayer(DnnModel.EMBEDDING).getParam("W").stdNumber().doubleValue();
            assertEquals(DeepFmModel.EMBEDDING_INIT_STD, std, 0.003, "deepfm's N(0, 0.01²) shared table");
            assertEquals(0.0, now.getLayer(DeepFmModel.FIRST_ORDER_EMBEDDING).getParam("W").norm2Number()
                    .doubleValue(), "first-order weights start at 0");
        }
    }

    /** Same parameters → same score, output and gradient of every parameter (float, 1e-6), masks included (din). */
    @ParameterizedTest
    @ValueSource(strings = {"dnn", "deepfm", "din"})
    void sameOutputsAndGradientsAsDl4j(String family) {
        ComputationGraph now = DnnModel.build(spec(family));
        ComputationGraph old = legacy(now.getConfiguration());
        Nd4j.getRandom().setSeed(3);
        now.setParams(Nd4j.randn(DataType.FLOAT, 1, now.numParams()).muli(0.3));
        old.setParams(now.params().dup());
        Pair<INDArray[], INDArray[]> in = inputs(family);
        INDArray labels = Nd4j.create(DataType.FLOAT, in.getFirst()[0].size(0), 1);
        for (int i = 0; i < labels.length(); i += 2) {
            labels.putScalar(i, 0, 1);
        }
        for (ComputationGraph g : List.of(now, old)) {
            g.setInputs(in.getFirst());
            g.setLabels(labels);
            g.setLayerMaskArrays(in.getSecond(), null);
            Nd4j.getRandom().setSeed(5);              // the dnn spec has dropout: the same masks in both
            g.computeGradientAndScore();
        }
        assertEquals(old.score(), now.score(), 1e-6);
        Map<String, INDArray> oldGrads = old.gradient().gradientForVariable();
        for (Map.Entry<String, INDArray> e : now.gradient().gradientForVariable().entrySet()) {
            assertArrayEquals(flat(oldGrads.get(e.getKey())), flat(e.getValue()), 1e-6f, e.getKey());
        }
        assertTrue(now.gradient().getGradientFor(DnnModel.EMBEDDING + "_W").norm2Number().doubleValue() > 0);
        for (ComputationGraph g : List.of(now, old)) {
            g.clearLayerMaskArrays();
        }
        assertArrayEquals(old.output(false, in.getFirst(), in.getSecond())[0].toFloatVector(),
                now.output(false, in.getFirst(), in.getSecond())[0].toFloatVector(), 1e-6f);
    }

    /** The layers alone, with and without a mask and with repeated ids: same output, same table gradient. */
    @Test
    void standaloneLayersAgreeWithMask() {
        EmbeddingLookupLayer conf = new EmbeddingLookupLayer.Builder().vocabulary(6).dim(4).inputLength(5).build();
        Layer now = LayerChecks.standalone(conf, DataType.FLOAT);
        Layer old = LayerChecks.standalone(new EmbeddingSequenceLayer.Builder().nIn(6).nOut(4).inputLength(5)
                .outputDataFormat(RNNFormat.NWC).hasBias(false).build(), DataType.FLOAT);
        Nd4j.getRandom().setSeed(7);
        INDArray table = Nd4j.randn(DataType.FLOAT, 6, 4);
        now.setParam("W", table);
        old.setParam("W", table);
        INDArray ids = Nd4j.createFromArray(new float[][] {{0, 5, 5, 1, 0}, {3, 3, 3, 3, 2}, {5, 4, 0, 0, 1}});
        INDArray eps = Nd4j.randn(DataType.FLOAT, 3, 5, 4);
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0, 1, 1}, {1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}});
        for (INDArray m : new INDArray[] {null, mask}) {
            now.setMaskArray(m);
            old.setMaskArray(m);
            Pair<Gradient, INDArray> a = LayerChecks.backward(now, ids, eps);
            Pair<Gradient, INDArray> b = LayerChecks.backward(old, ids, eps);
            assertArrayEquals(flat(b.getFirst().getGradientFor("W")), flat(a.getFirst().getGradientFor("W")), 1e-6f);
            assertEquals(b.getSecond(), a.getSecond(), "neither returns an epsilon");
            assertArrayEquals(flat(LayerChecks.forward(old, ids)), flat(LayerChecks.forward(now, ids)), 1e-6f);
        }
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    /** A model.zip with the old layer: loads, scores the same, reports its vocabulary, and trains on (warm start). */
    @ParameterizedTest
    @ValueSource(strings = {"dnn", "deepfm", "din"})
    void savedLegacyModelsLoadScoreAndWarmStart(String family) {
        ComputationGraph now = DnnModel.build(spec(family));
        ComputationGraph old = legacy(now.getConfiguration());
        Pair<INDArray[], INDArray[]> in = inputs(family);
        INDArray labels = Nd4j.ones(DataType.FLOAT, in.getFirst()[0].size(0), 1);
        MultiDataSet batch = new MultiDataSet(in.getFirst(), new INDArray[] {labels}, in.getSecond(), null);
        old.fit(batch);                               // the champion was trained before it was saved

        ComputationGraph loaded = DnnModelTest.roundTrip(old);
        assertTrue(loaded.getLayer(DnnModel.EMBEDDING).conf().getLayer() instanceof EmbeddingSequenceLayer);
        assertEquals(spec(family).hashBuckets(), DnnModel.embeddingConf(loaded.getConfiguration()).getNIn());
        INDArray scored = loaded.output(false, in.getFirst(), in.getSecond())[0];
        assertArrayEquals(old.output(false, in.getFirst(), in.getSecond())[0].toFloatVector(), scored.toFloatVector(),
                0f);
        // the parameters are interchangeable: the new layer scores the old model's parameters the same
        now.setParams(loaded.params());
        assertArrayEquals(scored.toFloatVector(), now.output(false, in.getFirst(), in.getSecond())[0].toFloatVector(),
                1e-6f);

        INDArray before = loaded.params().dup();
        loaded.fit(batch);                            // a warm start fits the loaded graph in place (RetrainRun)
        assertNotEquals(before, loaded.params());
        assertTrue(Double.isFinite(loaded.score()));
        assertEquals(Adam.class, ((org.deeplearning4j.nn.conf.layers.BaseLayer) loaded.getLayer(DnnModel.EMBEDDING)
                .conf().getLayer()).getIUpdater().getClass());
    }
}
