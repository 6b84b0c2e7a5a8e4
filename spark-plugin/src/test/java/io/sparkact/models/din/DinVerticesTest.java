package io.sparkact.models.din;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.layers.DiceLayer;
import io.sparkact.testing.NetworkChecks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fixed test set of the two DIN vertices: hand-derived values, bad parameters (exact messages), gradient
 * checks in double precision with feature masks of different lengths in one minibatch, JSON and ModelSerializer
 * round trips, and that padded positions do not matter.
 */
class DinVerticesTest {

    private static final int FIELDS = 2;
    private static final int LENGTH = 3;
    private static final int[] CANDIDATES = {0, 1};
    private static final int DIM = 2;
    private static final int VOCAB = 11;
    private static final int T = FIELDS + LENGTH * CANDIDATES.length;

    @AfterEach
    void floatAgain() {
        NetworkChecks.useFloat();
    }

    /** A graph whose inputs are the embedded rows {@code [b, T, dim]} themselves (and the weights). */
    private static ComputationGraph direct(int fields, int length, int[] candidates, int dim, boolean pair) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("x");
        int t = fields + length * candidates.length;
        if (pair) {
            g.addVertex("v", new BehaviourPairVertex(fields, length, candidates, dim), "x");
            g.setInputTypes(InputType.recurrent(dim, t, RNNFormat.NWC));
        } else {
            g.addInputs("w");
            g.addVertex("v", new InterestPoolVertex(fields, length, candidates, dim, true), "x", "w");
            g.setInputTypes(InputType.recurrent(dim, t, RNNFormat.NWC), InputType.feedForward(1));
        }
        ComputationGraph graph = new ComputationGraph(g.setOutputs("v").build());
        graph.init();
        return graph;
    }

    /** One example, nCat = 1, L = 2, k = 1, dim = 2: field [1, 2], position 0 [3, 4], position 1 [5, 6]. */
    private static INDArray smallX() {
        return Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {1, 3, 2}, 'c');
    }

    /**
     * By hand: c = the field's vector [1, 2]; row j = [e_j, c, e_j − c, e_j ⊙ c]:
     * j=0: [3,4, 1,2, 2,2, 3,8]; j=1: [5,6, 1,2, 4,4, 5,12].
     */
    @Test
    void pairRowsByHand() {
        NetworkChecks.useDouble();
        INDArray out = direct(1, 2, new int[] {0}, 2, true).outputSingle(false, smallX());
        assertArrayEquals(new long[] {2, 8}, out.shape());
        assertArrayEquals(new double[] {3, 4, 1, 2, 2, 2, 3, 8, 5, 6, 1, 2, 4, 4, 5, 12},
                out.ravel().toDoubleVector(), 0.0);
    }

    /**
     * By hand, weights w = [0.5, −2]: with mask [1, 1, 0] (position 1 padded) the pool is 0.5·[3, 4] = [1.5, 2],
     * after the field [1, 2]; without masks both positions count: 0.5·[3, 4] − 2·[5, 6] = [−8.5, −10].
     */
    @Test
    void weightedPoolByHandWithAndWithoutMask() {
        NetworkChecks.useDouble();
        ComputationGraph g = direct(1, 2, new int[] {0}, 2, false);
        INDArray w = Nd4j.create(new double[] {0.5, -2}, new long[] {2, 1}, 'c');
        INDArray mask = Nd4j.create(new double[] {1, 1, 0}, new long[] {1, 3}, 'c');
        INDArray masked = g.output(false, new INDArray[] {smallX(), w}, new INDArray[] {mask, null})[0];
        assertArrayEquals(new double[] {1, 2, 1.5, 2}, masked.ravel().toDoubleVector(), 1e-12);
        INDArray open = g.output(false, smallX(), w)[0];
        assertArrayEquals(new double[] {1, 2, -8.5, -10}, open.ravel().toDoubleVector(), 1e-12);
    }

    @Test
    void badParametersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BehaviourPairVertex(2, 3, new int[] {2}, 4));
        assertEquals("candidate field 2 is not one of the fields 0..1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InterestPoolVertex(2, 0, new int[] {0}, 4, true));
        assertEquals("a behaviour sequence needs fields >= 1, length >= 1 and at least one candidate field; "
                + "given fields=2, length=0, candidates=[0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InterestPoolVertex(2, 3, new int[0], 4, false));
        assertEquals("a behaviour sequence needs fields >= 1, length >= 1 and at least one candidate field; "
                + "given fields=2, length=3, candidates=[]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BehaviourPairVertex(2, 3, new int[] {0}, 0));
        assertEquals("embedding width must be >= 1, given 0", e.getMessage());
    }

    @Test
    void defaultsAndWidths() {
        BehaviourPairVertex p = new BehaviourPairVertex(FIELDS, LENGTH, CANDIDATES, DIM);
        InterestPoolVertex q = new InterestPoolVertex(FIELDS, LENGTH, CANDIDATES, DIM, false);
        assertEquals(4 * 2 * DIM, p.outputWidth());
        assertEquals((FIELDS + 2) * DIM, q.outputWidth());
        assertEquals(1, q.minVertexInputs());
        assertEquals(2, new InterestPoolVertex(FIELDS, LENGTH, CANDIDATES, DIM, true).maxVertexInputs());
        assertEquals(0, p.numParams(true));
    }

    /**
     * emb → pair → dense → [dice] → score → pool(emb, score) → dense → softmax output; or, {@code din = false},
     * emb → pool (sum) → dense → output.
     */
    static ComputationGraph network(boolean din, boolean dice) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("cat");
        g.addLayer("emb", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(DIM).inputLength(T)
                .outputDataFormat(RNNFormat.NWC).hasBias(false).build(), "cat");
        String pooled = "pool";
        if (din) {
            g.addVertex("pairs", new BehaviourPairVertex(FIELDS, LENGTH, CANDIDATES, DIM), "emb");
            g.addLayer("a0", new DenseLayer.Builder().nOut(3)
                    .activation(dice ? Activation.IDENTITY : Activation.TANH).build(), "pairs");
            String prev = "a0";
            if (dice) {
                g.addLayer("a1", new DiceLayer.Builder().epsilon(1e-5).build(), "a0");
                prev = "a1";
            }
            g.addLayer("score", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), prev);
            g.addVertex(pooled, new InterestPoolVertex(FIELDS, LENGTH, CANDIDATES, DIM, true), "emb", "score");
        } else {
            g.addVertex(pooled, new InterestPoolVertex(FIELDS, LENGTH, CANDIDATES, DIM, false), "emb");
        }
        g.addLayer("h", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), pooled);
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(NetworkChecks.CLASSES).build(), "h");
        g.setOutputs("out").setInputTypes(InputType.feedForward(T));
        ComputationGraphConfiguration conf = g.build();
        // setInputTypes overwrites the embedding's vocabulary (STACK.md): put it back
        EmbeddingSequenceLayer emb = (EmbeddingSequenceLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                conf.getVertices().get("emb")).getLayerConf().getLayer();
        emb.setNIn(VOCAB);
        emb.setInputLength(T);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** 4 examples with 3, 1, 0 and 2 behaviours: ids in [0, VOCAB), padded positions masked. */
    static INDArray[] batch() {
        int[] lengths = {3, 1, 0, 2};
        INDArray ids = Nd4j.create(DataType.DOUBLE, lengths.length, T);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, T);
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < T; t++) {
                ids.putScalar(i, t, r.nextInt(VOCAB));
                boolean kept = t < FIELDS || (t - FIELDS) / CANDIDATES.length < lengths[i];
                mask.putScalar(i, t, kept ? 1 : 0);
            }
        }
        return new INDArray[] {ids, mask};
    }

    private static void assertGradients(ComputationGraph g) {
        INDArray[] b = batch();
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {b[0]}).inputMask(new INDArray[] {b[1]})
                .labels(new INDArray[] {NetworkChecks.randomLabels(DataType.DOUBLE, 5, 4)})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "GradientCheckUtil failed (see log for the failing parameters)");
    }

    @Test
    void gradientCheckDinWithMasks() {
        NetworkChecks.useDouble();
        assertGradients(network(true, false));
    }

    @Test
    void gradientCheckDinWithDiceInTheActivationUnit() {
        NetworkChecks.useDouble();
        assertGradients(network(true, true));
    }

    @Test
    void gradientCheckSumPoolingWithMasks() {
        NetworkChecks.useDouble();
        assertGradients(network(false, false));
    }

    @Test
    void paddedPositionsDoNotChangeTheOutput() {
        NetworkChecks.useDouble();
        ComputationGraph g = network(true, false);
        INDArray[] b = batch();
        INDArray before = g.output(false, new INDArray[] {b[0]}, new INDArray[] {b[1]})[0];
        INDArray ids = b[0].dup();
        for (int i = 0; i < ids.rows(); i++) {
            for (int t = 0; t < T; t++) {
                if (b[1].getDouble(i, t) == 0) {
                    ids.putScalar(i, t, (ids.getDouble(i, t) + 5) % VOCAB);
                }
            }
        }
        INDArray after = g.output(false, new INDArray[] {ids}, new INDArray[] {b[1]})[0];
        assertArrayEquals(before.ravel().toDoubleVector(), after.ravel().toDoubleVector(), 1e-12);
        INDArray unmasked = g.output(false, ids)[0];
        assertTrue(Math.abs(unmasked.getDouble(2, 0) - before.getDouble(2, 0)) > 1e-9,
                "without masks the padded ids of the empty example would count");
    }

    @Test
    void jsonAndModelSerializerRoundTrips() throws Exception {
        NetworkChecks.useDouble();
        ComputationGraph g = network(true, true);
        INDArray[] b = batch();
        String json = g.getConfiguration().toJson();
        assertEquals(json, ComputationGraphConfiguration.fromJson(json).toJson());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(g.getConfiguration().getVertices().get("pairs"), restored.getConfiguration().getVertices().get("pairs"));
        assertEquals(g.getConfiguration().getVertices().get("pool"), restored.getConfiguration().getVertices().get("pool"));
        assertArrayEquals(g.output(false, new INDArray[] {b[0]}, new INDArray[] {b[1]})[0].ravel().toDoubleVector(),
                restored.output(false, new INDArray[] {b[0]}, new INDArray[] {b[1]})[0].ravel().toDoubleVector(), 0.0);
    }
}
