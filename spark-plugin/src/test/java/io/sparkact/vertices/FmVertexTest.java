package io.sparkact.vertices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.testing.LayerChecks;
import io.sparkact.testing.NetworkChecks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
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
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fixed test set for {@link FmVertex}: defaults, bad inputs (it has no tunables, so its "parameters"
 * are its inputs), golden forward and backward values worked out by hand, gradient checks, and JSON and
 * ModelSerializer round trips.
 */
class FmVertexTest {

    private static final int FIELDS = 3;
    private static final int VOCAB = 6;
    private static final int DIM = 2;

    @AfterEach
    void floatAgain() {
        NetworkChecks.useFloat();
    }

    @Test
    void defaults() {
        FmVertex v = new FmVertex();
        assertEquals(0, v.numParams(true));
        assertEquals(1, v.minVertexInputs());
        assertEquals(Integer.MAX_VALUE, v.maxVertexInputs());
        assertEquals(new FmVertex(), v);
        assertEquals(new FmVertex().hashCode(), v.hashCode());
        assertNotSame(v, v.clone());
        assertEquals(v, v.clone());
        assertEquals(InputType.feedForward(1), v.getOutputType(-1, InputType.recurrent(4, 3, RNNFormat.NWC)));
        assertEquals(InputType.feedForward(1), v.getOutputType(-1, InputType.recurrent(4, 3, RNNFormat.NWC),
                InputType.feedForward(3), InputType.feedForward(1)));
    }

    @Test
    void badInputsAreNamed() {
        FmVertex v = new FmVertex();
        assertEquals("fm vertex needs at least 1 input (the field embeddings); got 0",
                assertThrows(InvalidInputTypeException.class, () -> v.getOutputType(-1)).getMessage());
        assertEquals("fm vertex input 0 (the field embeddings) must be recurrent NWC [batch, fields, dim]; got "
                        + "InputTypeFeedForward(6)",
                assertThrows(InvalidInputTypeException.class,
                        () -> v.getOutputType(-1, InputType.feedForward(6))).getMessage());
        assertEquals("fm vertex input 0 (the field embeddings) must be recurrent NWC [batch, fields, dim]; got "
                        + "InputTypeRecurrent(4,timeSeriesLength=3,format=NCW)",
                assertThrows(InvalidInputTypeException.class,
                        () -> v.getOutputType(-1, InputType.recurrent(4, 3, RNNFormat.NCW))).getMessage());
        assertEquals("fm vertex input 1 (first-order terms) must be feed-forward [batch, m]; got "
                        + "InputTypeRecurrent(4,timeSeriesLength=3,format=NWC)",
                assertThrows(InvalidInputTypeException.class, () -> v.getOutputType(-1,
                        InputType.recurrent(4, 3, RNNFormat.NWC), InputType.recurrent(4, 3, RNNFormat.NWC)))
                        .getMessage());
        // the same check runs when a graph is built with the vertex
        InvalidInputTypeException e = assertThrows(InvalidInputTypeException.class, () -> new NeuralNetConfiguration.Builder()
                .graphBuilder().addInputs("x").addVertex("fm", new FmVertex(), "x")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .build(), "fm")
                .setOutputs("out").setInputTypes(InputType.feedForward(6)).build());
        assertEquals("fm vertex input 0 (the field embeddings) must be recurrent NWC [batch, fields, dim]; got "
                + "InputTypeFeedForward(6)", e.getMessage());
    }

    /**
     * Hand-worked values (batch 2, 3 fields, dim 2, plus one first-order input of width 2).
     * Example 0: v = [(1, 2), (3, −1), (0.5, 4)]; pairwise ⟨v1,v2⟩ = 3 − 2 = 1, ⟨v1,v3⟩ = 0.5 + 8 = 8.5,
     * ⟨v2,v3⟩ = 1.5 − 4 = −2.5, sum 7 (and by the identity: S = (4.5, 5), Σv² = (10.25, 21),
     * ½((20.25 − 10.25) + (25 − 21)) = 7); first order (0.25, −1) adds −0.75: y = 6.25.
     * Example 1: v = [(−1, 0), (2, 2), (1, −3)]; ⟨v1,v2⟩ = −2, ⟨v1,v3⟩ = −1, ⟨v2,v3⟩ = 2 − 6 = −4, sum −7;
     * first order (0.5, 0.5) adds 1: y = −6.
     * Backward with ε = (2, −1): dL/dv_ik = ε·(S_k − v_ik). Example 0, S = (4.5, 5): S − v = [(3.5, 3),
     * (1.5, 6), (4, 1)], times 2 = [(7, 6), (3, 12), (8, 2)]. Example 1, S = (2, −1): S − v = [(3, −1),
     * (0, −3), (1, 2)], times −1 = [(−3, 1), (0, 3), (−1, −2)]. First-order gradient: ε in every entry.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void goldenValues(DataType dt) {
        INDArray v = Nd4j.createFromArray(new double[][][] {
            {{1, 2}, {3, -1}, {0.5, 4}},
            {{-1, 0}, {2, 2}, {1, -3}}}).castTo(dt);
        INDArray w = LayerChecks.matrix(dt, new double[][] {{0.25, -1}, {0.5, 0.5}});
        GraphVertex runtime = standalone(dt, v, w);

        INDArray y = runtime.doForward(false, LayerWorkspaceMgr.noWorkspaces());
        LayerChecks.assertValues(new double[][] {{6.25}, {-6}}, y, 1e-6, "y");
        assertEquals(dt, y.dataType());

        runtime.setEpsilon(LayerChecks.matrix(dt, new double[][] {{2}, {-1}}));
        Pair<Gradient, INDArray[]> back = runtime.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
        assertNull(back.getFirst(), "the vertex has no parameters");
        INDArray dv = back.getSecond()[0];
        assertArrayEquals(new long[] {2, 3, 2}, dv.shape());
        assertArrayEquals(new double[] {7, 6, 3, 12, 8, 2, -3, 1, 0, 3, -1, -2}, dv.ravel().toDoubleVector(), 1e-6);
        LayerChecks.assertValues(new double[][] {{2, 2}, {-1, -1}}, back.getSecond()[1], 1e-6, "dL/dw");
    }

    /** Without first-order inputs the output is the pairwise sum alone (7 and −7 from the case above). */
    @Test
    void secondOrderOnly() {
        INDArray v = Nd4j.createFromArray(new double[][][] {
            {{1, 2}, {3, -1}, {0.5, 4}},
            {{-1, 0}, {2, 2}, {1, -3}}});
        INDArray y = standalone(DataType.DOUBLE, v).doForward(false, LayerWorkspaceMgr.noWorkspaces());
        LayerChecks.assertValues(new double[][] {{7}, {-7}}, y, 1e-12, "y");
    }

    /** A mask on the fields is refused rather than silently ignored. */
    @Test
    void masksAreRefused() {
        GraphVertex runtime = standalone(DataType.DOUBLE, Nd4j.zeros(DataType.DOUBLE, 2, 3, 2));
        assertEquals(null, runtime.feedForwardMaskArrays(null, null, 2).getFirst());
        assertEquals(null, runtime.feedForwardMaskArrays(new INDArray[] {null}, null, 2).getFirst());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> runtime.feedForwardMaskArrays(new INDArray[] {Nd4j.ones(2, 3)}, null, 2));
        assertEquals("FmVertex(id=0,name=\"fm\") does not support masks (its fields are a fixed set)", e.getMessage());
    }

    /**
     * pairFields = 2 on the golden case above: only ⟨v1, v2⟩ is a pair, field 3 is left out of the sum.
     * Example 0: ⟨v1,v2⟩ = 1, first order −0.75: y = 0.25. Example 1: ⟨v1,v2⟩ = −2, first order 1: y = −1.
     * Backward with ε = (2, −1): d⟨v1,v2⟩/dv1 = v2 and /dv2 = v1, 0 for field 3. Example 0: 2·(3, −1) = (6, −2),
     * 2·(1, 2) = (2, 4), (0, 0); example 1: −1·(2, 2) = (−2, −2), −1·(−1, 0) = (1, 0), (0, 0).
     * pairFields = 3 (all fields) gives the golden values of the full sum.
     */
    @Test
    void pairFieldsLeaveTheLaterFieldsOutOfThePairs() {
        INDArray v = Nd4j.createFromArray(new double[][][] {
            {{1, 2}, {3, -1}, {0.5, 4}},
            {{-1, 0}, {2, 2}, {1, -3}}});
        INDArray w = LayerChecks.matrix(DataType.DOUBLE, new double[][] {{0.25, -1}, {0.5, 0.5}});
        GraphVertex runtime = standalone(new FmVertex(2), DataType.DOUBLE, v, w);
        LayerChecks.assertValues(new double[][] {{0.25}, {-1}}, runtime.doForward(false,
                LayerWorkspaceMgr.noWorkspaces()), 1e-12, "y");
        runtime.setEpsilon(LayerChecks.matrix(DataType.DOUBLE, new double[][] {{2}, {-1}}));
        Pair<Gradient, INDArray[]> back = runtime.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
        INDArray dv = back.getSecond()[0];
        assertArrayEquals(new long[] {2, 3, 2}, dv.shape());
        assertArrayEquals(new double[] {6, -2, 2, 4, 0, 0, -2, -2, 1, 0, 0, 0}, dv.ravel().toDoubleVector(), 1e-12);
        LayerChecks.assertValues(new double[][] {{2, 2}, {-1, -1}}, back.getSecond()[1], 1e-12, "dL/dw");

        LayerChecks.assertValues(new double[][] {{6.25}, {-6}}, standalone(new FmVertex(3), DataType.DOUBLE, v, w)
                .doForward(false, LayerWorkspaceMgr.noWorkspaces()), 1e-12, "y with every field");
    }

    @Test
    void badPairFieldsAreNamed() {
        assertEquals("fm vertex pairFields must be >= 0 (0 = every field); got -1",
                assertThrows(IllegalArgumentException.class, () -> new FmVertex(-1)).getMessage());
        assertEquals("fm vertex pairFields 4 is more than the 3 fields of input 0; allowed: 0 (every field) to 3",
                assertThrows(InvalidInputTypeException.class, () -> new FmVertex(4).getOutputType(-1,
                        InputType.recurrent(2, 3, RNNFormat.NWC))).getMessage());
        assertEquals(InputType.feedForward(1), new FmVertex(3).getOutputType(-1, InputType.recurrent(2, 3, RNNFormat.NWC)));
        assertNotEquals(new FmVertex(), new FmVertex(2));
        assertEquals(new FmVertex(2), new FmVertex(2).clone());
        assertEquals("FmVertex(pairFields=2)", new FmVertex(2).toString());
    }

    /** The gradient check of {@link #gradientCheck()} with the last field out of the pairs. */
    @Test
    void gradientCheckWithPairFields() {
        checkGradients(new FmVertex(FIELDS - 1));
    }

    /**
     * pairFields survives the JSON; the JSON of a vertex saved before the setting existed (no pairFields) reads
     * as 0, every field: what such a model was trained with.
     */
    @Test
    void pairFieldsSurviveJsonAndOldJsonReadsAsEveryField() {
        ComputationGraph g = smallGraph(DataType.FLOAT, new NoOp(), new FmVertex(2));
        String json = g.getConfiguration().toJson();
        assertTrue(json.contains("\"pairFields\" : 2"), "pairFields not in the JSON");
        assertEquals(new FmVertex(2), ComputationGraphConfiguration.fromJson(json).getVertices().get("fm"));
        String old = json.replaceAll(",\\s*\"pairFields\" : 2", "").replaceAll("\"pairFields\" : 2\\s*,", "");
        assertFalse(old.contains("pairFields"), "the test did not remove the property");
        assertEquals(new FmVertex(), ComputationGraphConfiguration.fromJson(old).getVertices().get("fm"));
    }

    /** A runtime vertex outside any graph, its inputs set. */
    private static GraphVertex standalone(DataType dt, INDArray... inputs) {
        return standalone(new FmVertex(), dt, inputs);
    }

    private static GraphVertex standalone(FmVertex conf, DataType dt, INDArray... inputs) {
        GraphVertex runtime = conf.instantiate(null, "fm", 0, null, false, dt);
        runtime.setInputVertices(new VertexIndices[inputs.length]);
        for (int i = 0; i < inputs.length; i++) {
            runtime.setInput(i, inputs[i], LayerWorkspaceMgr.noWorkspaces());
        }
        return runtime;
    }

    /**
     * The vertex between parameters on both sides of its backward pass: field ids → embedding (NWC) → fm,
     * and numeric x → dense(identity, 2) → fm as first-order terms; fm → sigmoid + cross-entropy. Every
     * embedding and dense gradient flows through the vertex's hand-written backward pass.
     */
    @Test
    void gradientCheck() {
        checkGradients(new FmVertex());
    }

    private static void checkGradients(FmVertex fm) {
        NetworkChecks.useDouble();
        ComputationGraph g = smallGraph(DataType.DOUBLE, new NoOp(), fm);
        INDArray[] in = smallInputs(DataType.DOUBLE, 8, 11);
        INDArray labels = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}, {1}, {0}, {0}, {1}});
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(in).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "GradientCheckUtil failed (see the log for the failing parameters)");
    }

    /** The graph's output is sigmoid(fm) of its own embeddings: the vertex is wired as the standalone one. */
    @Test
    void graphOutputMatchesTheIdentity() {
        ComputationGraph g = smallGraph(DataType.DOUBLE, new NoOp());
        INDArray[] in = smallInputs(DataType.DOUBLE, 4, 5);
        INDArray table = g.getLayer("emb").getParam("W");
        INDArray firstOrder = g.feedForward(in, false).get("lin");
        INDArray out = g.outputSingle(false, in);
        for (int b = 0; b < 4; b++) {
            double pairs = 0;
            for (int i = 0; i < FIELDS; i++) {
                for (int j = i + 1; j < FIELDS; j++) {
                    INDArray vi = table.getRow(in[0].getInt(b, i));
                    INDArray vj = table.getRow(in[0].getInt(b, j));
                    pairs += vi.mul(vj).sumNumber().doubleValue(); // ⟨v_i, v_j⟩ directly, O(F²·dim)
                }
            }
            double logit = pairs + firstOrder.getRow(b).sumNumber().doubleValue();
            assertEquals(1 / (1 + Math.exp(-logit)), out.getDouble(b, 0), 1e-12, "example " + b);
        }
    }

    /** Trained a few Adam steps (parameters and updater state away from their initial values), then saved. */
    @Test
    void survivesJsonAndModelSerializerRoundTrips() throws Exception {
        ComputationGraph g = smallGraph(DataType.FLOAT, new Adam(0.05));
        INDArray[] in = smallInputs(DataType.FLOAT, 16, 3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 1);
        for (int i = 0; i < 16; i += 2) {
            labels.putScalar(i, 0, 1);
        }
        INDArray before = g.params().dup();
        for (int i = 0; i < 5; i++) {
            g.fit(new MultiDataSet(in, new INDArray[] {labels}));
        }
        assertTrue(g.params().sub(before).norm2Number().doubleValue() > 0, "training did not move the parameters");

        String json = g.getConfiguration().toJson();
        assertTrue(json.contains("\"@class\" : \"io.sparkact.vertices.FmVertex\""), "vertex class not in the JSON");
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(json, back.toJson());
        assertEquals(new FmVertex(), back.getVertices().get("fm"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        LayerChecks.assertIdentical(g.params(), restored.params());
        LayerChecks.assertIdentical(g.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        LayerChecks.assertIdentical(g.outputSingle(false, in), restored.outputSingle(false, in));
    }

    private static ComputationGraph smallGraph(DataType dt, IUpdater updater) {
        return smallGraph(dt, updater, new FmVertex());
    }

    private static ComputationGraph smallGraph(DataType dt, IUpdater updater, FmVertex fm) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(updater).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("ids", "x")
                .addLayer("emb", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(DIM).inputLength(FIELDS)
                        .outputDataFormat(RNNFormat.NWC).hasBias(false).build(), "ids")
                .addLayer("lin", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "x")
                .addVertex("fm", fm, "emb", "lin")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).build(), "fm")
                .setOutputs("out").setInputTypes(InputType.feedForward(FIELDS), InputType.feedForward(3)).build();
        // setInputTypes sets the embedding's nIn from the input width (STACK.md): put the vocabulary back
        EmbeddingSequenceLayer emb = (EmbeddingSequenceLayer)
                ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get("emb")).getLayerConf().getLayer();
        emb.setNIn(VOCAB);
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Field ids (b + 2i) mod 6: distinct within a row, every table row used when rows >= 2; numeric x. */
    private static INDArray[] smallInputs(DataType dt, int rows, long seed) {
        INDArray ids = Nd4j.create(dt, rows, FIELDS);
        for (int b = 0; b < rows; b++) {
            for (int i = 0; i < FIELDS; i++) {
                ids.putScalar(b, i, (b + 2 * i) % VOCAB);
            }
        }
        Nd4j.getRandom().setSeed(seed);
        return new INDArray[] {ids, Nd4j.randn(dt, rows, 3)};
    }
}
