package io.sparkact.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.params.EmbeddingLookupParamInitializer;
import io.sparkact.testing.LayerChecks;
import io.sparkact.testing.NetworkChecks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fixed test set for {@link EmbeddingLookupLayer}; equality with DL4J's layer is in EmbeddingLookupVsDl4jTest. */
class EmbeddingLookupLayerTest {

    private static final int VOCAB = 5;
    private static final int DIM = 3;
    private static final int LENGTH = 4;

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    private static EmbeddingLookupLayer layer(int vocab, int dim, int length) {
        return new EmbeddingLookupLayer.Builder().vocabulary(vocab).dim(dim).inputLength(length).build();
    }

    @Test
    void defaults() {
        EmbeddingLookupLayer l = layer(VOCAB, DIM, LENGTH);
        assertEquals("embedding", EmbeddingLookupLayer.NAME);
        assertEquals(List.of(EmbeddingLookupLayer.VOCABULARY, EmbeddingLookupLayer.DIM,
                EmbeddingLookupLayer.INPUT_LENGTH, EmbeddingLookupLayer.FREQUENCY_L2), EmbeddingLookupLayer.PARAMS);
        assertEquals(VOCAB, l.getNIn());
        assertEquals(DIM, l.getNOut());
        assertEquals(LENGTH, l.getInputLength());
        assertTrue(l.getActivationFn() instanceof ActivationIdentity);
        assertEquals(InputType.recurrent(DIM, LENGTH, org.deeplearning4j.nn.conf.RNNFormat.NWC),
                l.getOutputType(0, InputType.feedForward(LENGTH)));
        EmbeddingLookupParamInitializer init = EmbeddingLookupParamInitializer.getInstance();
        assertEquals(List.of("W"), init.paramKeys(l));
        assertEquals(List.of("W"), init.weightKeys(l), "the table is a weight: L2 applies, as in DL4J");
        assertEquals(List.of(), init.biasKeys(l));
        assertEquals((long) VOCAB * DIM, init.numParams(l));

        // the vocabulary is configuration: an input type only has to match inputLength
        l.setNIn(InputType.feedForward(LENGTH), true);
        assertEquals(VOCAB, l.getNIn());
        Layer runtime = LayerChecks.standalone(l, DataType.DOUBLE);
        INDArray w = runtime.getParam("W");
        assertArrayEquals(new long[] {VOCAB, DIM}, w.shape());
        assertEquals('f', w.ordering(), "DL4J's embedding layout");
        assertNull(runtime.getParam("b"));
    }

    @Test
    void badParametersNameTheField() {
        assertEquals("embedding parameter vocabulary given invalid value 0; allowed: vocabulary >= 1 (finite)",
                assertThrows(IllegalArgumentException.class, () -> layer(0, DIM, LENGTH)).getMessage());
        assertEquals("embedding parameter dim given invalid value 0; allowed: dim >= 1 (finite)",
                assertThrows(IllegalArgumentException.class, () -> layer(VOCAB, 0, LENGTH)).getMessage());
        assertEquals("embedding parameter inputLength given invalid value -1; allowed: inputLength >= 1 (finite)",
                assertThrows(IllegalArgumentException.class, () -> layer(VOCAB, DIM, -1)).getMessage());
        assertEquals("embedding parameter vocabulary*dim given invalid value 4294967296; allowed: at most "
                + "2147483647 table entries", assertThrows(IllegalArgumentException.class,
                        () -> layer(1 << 16, 1 << 16, LENGTH)).getMessage());
        assertEquals("embedding parameter activation given invalid value tanh; allowed: identity (a lookup has none)",
                assertThrows(IllegalArgumentException.class, () -> new EmbeddingLookupLayer.Builder().vocabulary(2)
                        .dim(2).inputLength(1).activation(Activation.TANH).build()).getMessage());
        IllegalStateException width = assertThrows(IllegalStateException.class,
                () -> layer(VOCAB, DIM, LENGTH).setNIn(InputType.feedForward(LENGTH + 1), true));
        assertTrue(width.getMessage().contains("expects feed-forward input of width inputLength = 4"),
                width.getMessage());
    }

    @Test
    void badIndicesNameExamplePositionAndRange() {
        Layer runtime = LayerChecks.standalone(layer(VOCAB, DIM, 2), DataType.FLOAT);
        for (double bad : new double[] {5, -1, 1.5, Double.NaN}) {
            INDArray ids = Nd4j.createFromArray(new float[][] {{0, 1}, {2, (float) bad}});
            DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class,
                    () -> LayerChecks.forward(runtime, ids));
            assertTrue(e.getMessage().startsWith("Invalid index " + (float) bad + " at example 1, position 1 ")
                    && e.getMessage().endsWith("indices must be integers in [0, 5) (vocabulary)"), e.getMessage());
        }
    }

    @Test
    void equalityIncludesInputLength() {
        assertEquals(layer(VOCAB, DIM, LENGTH), layer(VOCAB, DIM, LENGTH));
        assertNotEquals(layer(VOCAB, DIM, LENGTH), layer(VOCAB, DIM, LENGTH + 1));
    }

    /**
     * Golden values by hand. Table rows r0 = (1, 2), r1 = (3, 4), r2 = (5, 6); ids [[2, 0], [2, 2]].
     * Forward: example 0 → (r2, r0) = ((5, 6), (1, 2)); example 1 → (r2, r2).
     * Backward with ε = [[(.1, .2), (.3, .4)], [(.5, .6), (.7, .8)]]: row 0 gets ε[0][1] = (.3, .4); row 1 nothing;
     * row 2 gets ε[0][0] + ε[1][0] + ε[1][1] = (.1 + .5 + .7, .2 + .6 + .8) = (1.3, 1.6): the repeated index adds up.
     * With mask [[1, 0], [1, 1]] position (0, 1) outputs (0, 0) and row 0's gradient is (0, 0).
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void goldenValues(DataType dt) {
        Layer runtime = LayerChecks.standalone(layer(3, 2, 2), dt);
        runtime.setParam("W", Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}).castTo(dt));
        INDArray ids = Nd4j.createFromArray(new double[][] {{2, 0}, {2, 2}}).castTo(dt);
        INDArray eps = Nd4j.createFromArray(new double[][][] {{{.1, .2}, {.3, .4}}, {{.5, .6}, {.7, .8}}}).castTo(dt);

        Pair<Gradient, INDArray> back = LayerChecks.backward(runtime, ids, eps);
        INDArray out = LayerChecks.forward(runtime, ids);
        assertArrayEquals(new long[] {2, 2, 2}, out.shape());
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6, 5, 6}, out.reshape(8).toDoubleVector(), 0.0);
        assertNull(back.getSecond(), "no epsilon for an index input");
        LayerChecks.assertValues(new double[][] {{.3, .4}, {0, 0}, {1.3, 1.6}},
                back.getFirst().getGradientFor("W"), 1e-6, "dL/dW");

        runtime.setMaskArray(Nd4j.createFromArray(new double[][] {{1, 0}, {1, 1}}).castTo(dt));
        out = LayerChecks.forward(runtime, ids);
        assertArrayEquals(new double[] {5, 6, 0, 0, 5, 6, 5, 6}, out.reshape(8).toDoubleVector(), 0.0);
        back = LayerChecks.backward(runtime, ids, eps);
        LayerChecks.assertValues(new double[][] {{0, 0}, {0, 0}, {1.3, 1.6}},
                back.getFirst().getGradientFor("W"), 1e-6, "dL/dW masked");
    }

    /** ids → embedding → flatten → dense(tanh) → softmax, double, NoOp; ids repeat within and across examples. */
    @Test
    void gradientCheckWithRepeatedIndices() {
        NetworkChecks.useDouble();
        ComputationGraph g = graph(DataType.DOUBLE, new NoOp());
        INDArray ids = Nd4j.createFromArray(new double[][] {{0, 0, 1, 4}, {2, 0, 2, 2}, {4, 3, 4, 1}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {ids}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "GradientCheckUtil failed (see the log for the failing parameters)");
    }

    /** Trained a few Adam steps (table and updater state moved), then JSON and ModelSerializer round trips. */
    @Test
    void survivesJsonAndModelSerializerRoundTrips() throws Exception {
        ComputationGraph g = graph(DataType.FLOAT, new Adam(0.05));
        INDArray ids = Nd4j.createFromArray(new float[][] {{0, 0, 1, 4}, {2, 0, 2, 2}, {4, 3, 4, 1}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}});
        INDArray before = g.getLayer("emb").getParam("W").dup();
        for (int i = 0; i < 5; i++) {
            g.fit(new MultiDataSet(new INDArray[] {ids}, new INDArray[] {labels}));
        }
        assertTrue(g.getLayer("emb").getParam("W").sub(before).norm2Number().doubleValue() > 0, "table did not move");

        String json = g.getConfiguration().toJson();
        assertTrue(json.contains("\"@class\" : \"io.sparkact.layers.EmbeddingLookupLayer\""), "class not in JSON");
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(json, back.toJson());
        assertEquals(layer(VOCAB, DIM, LENGTH).getInputLength(),
                ((EmbeddingLookupLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices()
                        .get("emb")).getLayerConf().getLayer()).getInputLength());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        LayerChecks.assertIdentical(g.params(), restored.params());
        LayerChecks.assertIdentical(g.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        LayerChecks.assertIdentical(g.outputSingle(false, ids), restored.outputSingle(false, ids));
    }

    private static ComputationGraph graph(DataType dt, IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(updater).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("ids")
                .addLayer("emb", layer(VOCAB, DIM, LENGTH), "ids")
                .addVertex("flat", new ReshapeVertex(-1, LENGTH * DIM), "emb")
                .addLayer("h", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "flat")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build(), "h")
                .setOutputs("out").setInputTypes(InputType.feedForward(LENGTH)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
