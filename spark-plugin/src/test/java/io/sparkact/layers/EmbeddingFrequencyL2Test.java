package io.sparkact.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.params.EmbeddingLookupParamInitializer;
import io.sparkact.testing.LayerChecks;
import io.sparkact.testing.NetworkChecks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The mini-batch aware L2 of {@link EmbeddingLookupLayer} (frequencyL2; Zhou et al., KDD 2018, section 4.3.1): its
 * parameter, its exemption from the network's L2, golden gradients and penalty by hand, a gradient check with the
 * penalty on, and round trips that keep the inverse counts.
 */
class EmbeddingFrequencyL2Test {

    private static final String W = EmbeddingLookupParamInitializer.WEIGHT_KEY;
    private static final String INV = EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY;

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    private static EmbeddingLookupLayer layer(int vocab, int dim, int length, double lambda) {
        return new EmbeddingLookupLayer.Builder().vocabulary(vocab).dim(dim).inputLength(length).frequencyL2(lambda)
                .build();
    }

    @Test
    void offByDefaultAndAnExtraNeverUpdatedParameterWhenOn() {
        EmbeddingLookupLayer off = new EmbeddingLookupLayer.Builder().vocabulary(5).dim(3).inputLength(2).build();
        assertEquals(0.0, off.getFrequencyL2());
        assertEquals(0.0, EmbeddingLookupLayer.FREQUENCY_L2.defaultValue());
        EmbeddingLookupParamInitializer init = EmbeddingLookupParamInitializer.getInstance();
        assertEquals(List.of(W), init.paramKeys(off), "off: the layout of models saved before the option");
        assertEquals(15, init.numParams(off));

        EmbeddingLookupLayer on = layer(5, 3, 2, 0.25);
        assertEquals(List.of(W, INV), init.paramKeys(on));
        assertEquals(List.of(W), init.weightKeys(on));
        assertEquals(List.of(), init.biasKeys(on));
        assertEquals(15 + 5, init.numParams(on));
        assertNotEquals(off, on);
        assertEquals(on, layer(5, 3, 2, 0.25));
        assertNotEquals(on, layer(5, 3, 2, 0.5));

        // the network's L2 reaches the table only while the option is off; the counts never
        ComputationGraph gOff = graph(off, new Adam(0.01), 0.01, DataType.FLOAT);
        ComputationGraph gOn = graph(on, new Adam(0.01), 0.01, DataType.FLOAT);
        assertEquals(List.of(new L2Regularization(0.01)), embConf(gOff).getRegularizationByParam(W));
        assertEquals(List.of(), embConf(gOn).getRegularizationByParam(W));
        assertEquals(List.of(), embConf(gOn).getRegularizationByParam(INV));
        assertEquals(new NoOp(), embConf(gOn).getUpdaterByParam(INV));
        assertEquals(new Adam(0.01), embConf(gOn).getUpdaterByParam(W));
        assertArrayEquals(new double[5], gOn.getLayer("emb").getParam(INV).toDoubleVector(), 0.0,
                "no counts until the trainer sets them: no penalty");
    }

    @Test
    void badStrengthNamesTheField() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer(5, 3, 2, bad));
            assertTrue(e.getMessage().startsWith("embedding parameter frequencyL2 given invalid value " + bad
                    + "; allowed: frequencyL2 >= 0"), e.getMessage());
        }
    }

    /**
     * Golden values by hand (EmbeddingLookupLayerTest's case, with the penalty): rows r0 = (1, 2), r1 = (3, 4),
     * r2 = (5, 6), inverse counts (1/2, 1/4, 1/5), λ = 0.1, ids [[2, 0], [2, 2]] (batch B = 2). The data gradient is
     * row 0 (.3, .4), row 1 0, row 2 (1.3, 1.6). The penalty adds B·λ·w_j/n_j once per PRESENT row (row 2 once although
     * it occurs 3 times; DL4J divides everything by B afterwards): row 0 2·0.1·0.5·(1, 2) = (.1, .2) → (.4, .6);
     * row 2 2·0.1·0.2·(5, 6) = (.2, .24) → (1.5, 1.84); row 1 is absent: 0. Penalty λ/2·Σ w_j²/n_j over present rows =
     * 0.05·(0.5·5 + 0.2·61) = 0.05·14.7 = 0.735. With mask [[1, 0], [1, 1]] row 0 is absent: gradient (0, 0), penalty
     * 0.05·12.2 = 0.61.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void goldenGradientAndPenalty(DataType dt) {
        Layer runtime = LayerChecks.standalone(layer(3, 2, 2, 0.1), dt);
        runtime.setParam(W, Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}).castTo(dt));
        runtime.setParam(INV, Nd4j.createFromArray(new double[][] {{0.5, 0.25, 0.2}}).castTo(dt));
        INDArray ids = Nd4j.createFromArray(new double[][] {{2, 0}, {2, 2}}).castTo(dt);
        INDArray eps = Nd4j.createFromArray(new double[][][] {{{.1, .2}, {.3, .4}}, {{.5, .6}, {.7, .8}}}).castTo(dt);

        Pair<Gradient, INDArray> back = LayerChecks.backward(runtime, ids, eps);
        LayerChecks.assertValues(new double[][] {{.4, .6}, {0, 0}, {1.5, 1.84}}, back.getFirst().getGradientFor(W),
                1e-6, "dL/dW");
        assertArrayEquals(new double[3], back.getFirst().getGradientFor(INV).toDoubleVector(), 0.0);
        assertEquals(0.735, runtime.calcRegularizationScore(true), 1e-6);

        runtime.setMaskArray(Nd4j.createFromArray(new double[][] {{1, 0}, {1, 1}}).castTo(dt));
        back = LayerChecks.backward(runtime, ids, eps);
        LayerChecks.assertValues(new double[][] {{0, 0}, {0, 0}, {1.5, 1.84}}, back.getFirst().getGradientFor(W),
                1e-6, "dL/dW masked");
        assertEquals(0.61, runtime.calcRegularizationScore(true), 1e-6);
        runtime.clear();
        assertEquals(0.0, runtime.calcRegularizationScore(true), 0.0, "no input: no minibatch, no penalty");
    }

    /**
     * The penalty is in the score and its gradient in the backward pass, so DL4J's gradient check holds with it on,
     * beside the network's L2 on the dense layers. The inverse counts are data (no gradient by design): excluded.
     */
    @Test
    void gradientCheckWithThePenaltyOn() {
        NetworkChecks.useDouble();
        ComputationGraph g = graph(layer(5, 3, 4, 0.3), new NoOp(), 0.01, DataType.DOUBLE);
        g.getLayer("emb").setParam(INV, Nd4j.createFromArray(new double[][] {{1, 0.5, 1.0 / 3, 0.25, 0.2}}));
        INDArray ids = Nd4j.createFromArray(new double[][] {{0, 0, 1, 4}, {2, 0, 2, 2}, {4, 3, 4, 1}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {ids}).labels(new INDArray[] {labels}).excludeParams(Set.of("emb_" + INV))
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "GradientCheckUtil failed (see the log for the failing parameters)");
    }

    /** Adam steps move the table but never the counts; JSON and ModelSerializer keep λ and the counts. */
    @Test
    void countsStayPutInTrainingAndSurviveRoundTrips() throws Exception {
        ComputationGraph g = graph(layer(5, 3, 4, 0.3), new Adam(0.05), 0.01, DataType.FLOAT);
        INDArray counts = Nd4j.createFromArray(new float[][] {{1, 0.5f, 0, 0.25f, 0.2f}});
        g.getLayer("emb").setParam(INV, counts);
        INDArray ids = Nd4j.createFromArray(new float[][] {{0, 0, 1, 4}, {2, 0, 2, 2}, {4, 3, 4, 1}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}});
        INDArray before = g.getLayer("emb").getParam(W).dup();
        for (int i = 0; i < 5; i++) {
            g.fit(new MultiDataSet(new INDArray[] {ids}, new INDArray[] {labels}));
        }
        assertTrue(g.getLayer("emb").getParam(W).sub(before).norm2Number().doubleValue() > 0, "table did not move");
        LayerChecks.assertIdentical(counts, g.getLayer("emb").getParam(INV));

        String json = g.getConfiguration().toJson();
        assertTrue(json.contains("\"frequencyL2\" : 0.3"), "strength not in JSON");
        assertEquals(json, ComputationGraphConfiguration.fromJson(json).toJson());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        LayerChecks.assertIdentical(g.params(), restored.params());
        LayerChecks.assertIdentical(counts, restored.getLayer("emb").getParam(INV));
        assertEquals(0.3, embConf(restored).getFrequencyL2());
    }

    /** A model saved before the option (no frequencyL2 in its JSON) reads as off, with the old parameter layout. */
    @Test
    void jsonWithoutTheFieldReadsAsOff() {
        ComputationGraph g = graph(layer(5, 3, 4, 0.3), new NoOp(), 0.0, DataType.FLOAT);
        String json = g.getConfiguration().toJson().replace("\"frequencyL2\" : 0.3,", "");
        assertTrue(!json.contains("frequencyL2"), "the field was not removed: " + json);
        ComputationGraph old = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
        old.init();
        assertEquals(0.0, embConf(old).getFrequencyL2());
        assertEquals(List.of(W), List.copyOf(old.getLayer("emb").paramTable().keySet()));
    }

    private static EmbeddingLookupLayer embConf(ComputationGraph g) {
        return (EmbeddingLookupLayer) g.getLayer("emb").conf().getLayer();
    }

    private static ComputationGraph graph(EmbeddingLookupLayer emb, IUpdater updater, double l2, DataType dt) {
        int length = emb.getInputLength();
        int dim = (int) emb.getNOut();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(updater).weightInit(WeightInit.XAVIER).l2(l2).graphBuilder()
                .addInputs("ids")
                .addLayer("emb", emb, "ids")
                .addVertex("flat", new ReshapeVertex(-1, length * dim), "emb")
                .addLayer("h", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "flat")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build(), "h")
                .setOutputs("out").setInputTypes(InputType.feedForward(length)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
