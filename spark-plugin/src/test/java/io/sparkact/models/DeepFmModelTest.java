package io.sparkact.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.health.HealthProbe;
import io.sparkact.health.HealthStats;
import io.sparkact.health.HiddenLayer;
import io.sparkact.testing.NetworkChecks;
import io.sparkact.vertices.FmVertex;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** DeepFmModel through {@link Models}: wiring, the logit decomposition, health layers, gradient check, errors. */
class DeepFmModelTest {

    private static final int BUCKETS = 50;

    @AfterEach
    void floatAgain() {
        NetworkChecks.useFloat();
    }

    static ModelSpec spec(String activation, int nCat, int nNum) {
        return ModelSpec.builder().type(ModelType.DEEPFM).activation(activation).hidden(8, 4).embeddingDim(3)
                .hashBuckets(BUCKETS).categoricalFields(nCat).numericInputs(nNum).dropout(0.1).build();
    }

    @ParameterizedTest
    @CsvSource({"relu,3,2", "relu,3,0", "dice,3,2", "prelu,2,1", "maxout(pieces=2),3,2", "'lrelu6(alpha=0.02)',1,2"})
    void buildsTrainsAndRoundTrips(String activation, int nCat, int nNum) {
        ComputationGraph g = Models.build(spec(activation, nCat, nNum));
        assertEquals(nNum > 0 ? 2 : 1, g.getNumInputArrays());
        // both embedding tables keep the vocabulary through setInputTypes (STACK.md)
        assertArrayEquals(new long[] {BUCKETS, 3}, g.getLayer(DnnModel.EMBEDDING).getParam("W").shape());
        assertArrayEquals(new long[] {BUCKETS, 1}, g.getLayer(DeepFmModel.FIRST_ORDER_EMBEDDING).getParam("W").shape());
        INDArray out = g.outputSingle(false, DnnModelTest.inputs(DataType.FLOAT, 16, nCat, nNum, 7));
        assertArrayEquals(new long[] {16, 1}, out.shape());
        for (double p : out.toDoubleVector()) {
            assertTrue(p > 0 && p < 1, "output " + p + " is not a probability");
        }
        INDArray before = g.params().dup();
        g.fit(new org.nd4j.linalg.dataset.MultiDataSet(DnnModelTest.inputs(DataType.FLOAT, 16, nCat, nNum, 8),
                new INDArray[] {Nd4j.ones(DataType.FLOAT, 16, 1)}));
        assertTrue(Double.isFinite(g.score()));
        assertTrue(g.params().sub(before).norm2Number().doubleValue() > 0, "a step did not move the parameters");
        INDArray[] probe = DnnModelTest.inputs(DataType.FLOAT, 4, nCat, nNum, 9);
        ComputationGraph back = DnnModelTest.roundTrip(g);
        assertArrayEquals(g.outputSingle(false, probe).toDoubleVector(),
                back.outputSingle(false, probe).toDoubleVector(), 0.0, "ModelSerializer round trip changed output");
        assertEquals(BUCKETS, DnnModel.embeddingConf(back.getConfiguration()).getNIn());
    }

    /** The FM part and the tower read the same embedding vertex; the FM inputs are as documented. */
    @Test
    void fmAndTowerShareTheEmbeddings() {
        ComputationGraphConfiguration conf = Models.build(spec("relu", 3, 2)).getConfiguration();
        Map<String, List<String>> in = conf.getVertexInputs();
        assertEquals(List.of(DnnModel.EMBEDDING, "emb_1st_flat", "num_1st"), in.get(DeepFmModel.FM));
        assertEquals(List.of(DnnModel.EMBEDDING), in.get("emb_flat"));
        assertEquals(List.of("emb_flat", DnnModel.NUM_INPUT), in.get("merge"));
        assertEquals(List.of(DeepFmModel.FM, DeepFmModel.DEEP_LOGIT), in.get("logit"));
        assertEquals(new FmVertex(), conf.getVertices().get(DeepFmModel.FM));
        assertTrue(((LayerVertex) conf.getVertices().get(DnnModel.OUTPUT)).getLayerConf().getLayer() instanceof LossLayer,
                "the output must add the logits without a weight of its own");
        assertEquals(List.of("h0_0", "h1_0"), HiddenLayer.of(conf).stream().map(HiddenLayer::weightVertex).toList());
        // first-order weights start at 0, the second-order embeddings do not
        ComputationGraph g = Models.build(spec("relu", 3, 2));
        assertEquals(0.0, g.getLayer(DeepFmModel.FIRST_ORDER_EMBEDDING).getParam("W").norm2Number().doubleValue());
        assertEquals(0.0, g.getLayer("num_1st").getParam("W").norm2Number().doubleValue());
        assertTrue(g.getLayer(DnnModel.EMBEDDING).getParam("W").norm2Number().doubleValue() > 0);
    }

    /**
     * p = sigmoid(y_FM + y_DNN) with y_FM = Σ first-order weights + numeric linear term + Σ_{i<j}⟨v_i, v_j⟩,
     * recomputed here from the parameter tables directly (pairs summed explicitly, not by the identity).
     */
    @Test
    void outputIsTheSumOfTheLogits() {
        ComputationGraph g = Models.build(spec("relu", 3, 2), DataType.DOUBLE, new NoOp());
        INDArray[] in = DnnModelTest.inputs(DataType.DOUBLE, 5, 3, 2, 11);
        randomFirstOrder(g, 12);
        Map<String, INDArray> acts = g.feedForward(in, false);
        assertTrue(g.getLayer(DeepFmModel.FIRST_ORDER_EMBEDDING).getParam("W").norm2Number().doubleValue() > 1
                && g.getLayer("num_1st").getParam("W").norm2Number().doubleValue() > 0.1, "weights not set");
        for (int b = 0; b < 5; b++) {
            double fm = directFm(g, in, b, 3, 3);
            assertEquals(fm, acts.get(DeepFmModel.FM).getDouble(b, 0), 1e-12, "fm, example " + b);
            double logit = fm + acts.get(DeepFmModel.DEEP_LOGIT).getDouble(b, 0);
            assertEquals(1 / (1 + Math.exp(-logit)), acts.get(DnnModel.OUTPUT).getDouble(b, 0), 1e-12, "p, example " + b);
        }
    }

    /**
     * With numeric bucket fields (the last embedded fields, features.numeric_buckets) the pairs run over the
     * categorical columns only: 5 embedded fields of which 2 are buckets give FmVertex(pairFields = 3), and y_FM
     * is computed here directly, O(F²), over fields 0..2, while the first-order term still covers all 5 fields.
     * Without bucket fields the vertex keeps every field (pairFields 0, the vertex of models saved before).
     * The spec's bucket count survives the manifest (Manifests.modelSpec of toMap).
     */
    @Test
    void pairsAreAmongTheCategoricalColumnsNotTheBucketFields() throws Exception {
        ModelSpec withBuckets = ModelSpec.builder().type(ModelType.DEEPFM).hidden(8, 4).embeddingDim(3)
                .hashBuckets(BUCKETS).categoricalFields(5).bucketFields(2).numericInputs(2).build();
        assertEquals(3, withBuckets.columnFields());
        assertEquals(new io.sparkact.vertices.FmVertex(3), DeepFmModel.configuration(withBuckets, DataType.FLOAT,
                new NoOp()).getVertices().get(DeepFmModel.FM));
        assertEquals(new io.sparkact.vertices.FmVertex(), DeepFmModel.configuration(spec("relu", 3, 2), DataType.FLOAT,
                new NoOp()).getVertices().get(DeepFmModel.FM));

        ComputationGraph g = Models.build(withBuckets, DataType.DOUBLE, new NoOp());
        INDArray[] in = DnnModelTest.inputs(DataType.DOUBLE, 5, 5, 2, 13);
        randomFirstOrder(g, 14);
        g.getLayer(DnnModel.EMBEDDING).setParam("W", Nd4j.randn(DataType.DOUBLE, BUCKETS, 3));
        Map<String, INDArray> acts = g.feedForward(in, false);
        double bucketPairs = 0;
        for (int b = 0; b < 5; b++) {
            assertEquals(directFm(g, in, b, 5, 3), acts.get(DeepFmModel.FM).getDouble(b, 0), 1e-12, "fm, example " + b);
            bucketPairs += Math.abs(directFm(g, in, b, 5, 5) - directFm(g, in, b, 5, 3));
        }
        assertTrue(bucketPairs > 1, "the pairs left out are not negligible, so the check can tell: " + bucketPairs);

        ModelSpec back = io.sparkact.registry.Manifests.modelSpec(Map.of("model", withBuckets.toMap()), "test");
        assertEquals(2, back.bucketFields());
        assertEquals(0, io.sparkact.registry.Manifests.modelSpec(Map.of("model", spec("relu", 3, 2).toMap()), "test")
                .bucketFields());
        assertEquals(null, spec("relu", 3, 2).toMap().get("bucket_fields"), "absent without buckets, as before");
    }

    /** The first-order weights start at 0 (DeepFmModel): N(0, 1) values instead, so that their terms count. */
    private static void randomFirstOrder(ComputationGraph g, long seed) {
        Nd4j.getRandom().setSeed(seed);
        g.getLayer(DeepFmModel.FIRST_ORDER_EMBEDDING).setParam("W", Nd4j.randn(DataType.DOUBLE, BUCKETS, 1));
        g.getLayer("num_1st").setParam("W", Nd4j.randn(DataType.DOUBLE, 2, 1));
    }

    /**
     * y_FM of example {@code b} recomputed from the parameter tables, O(F²): the numeric linear term, the
     * first-order weight of each of the first {@code fields} ids, and ⟨v_i, v_j⟩ summed explicitly over the pairs
     * i &lt; j &lt; {@code pairFields} (not by the identity the vertex uses).
     */
    private static double directFm(ComputationGraph g, INDArray[] in, int b, int fields, int pairFields) {
        INDArray v = g.getLayer(DnnModel.EMBEDDING).getParam("W");
        INDArray w = g.getLayer(DeepFmModel.FIRST_ORDER_EMBEDDING).getParam("W");
        double fm = in[1].getRow(b).mmul(g.getLayer("num_1st").getParam("W")).getDouble(0);
        for (int i = 0; i < fields; i++) {
            int id = in[0].getInt(b, i);
            fm += w.getDouble(id, 0);
            for (int j = i + 1; j < pairFields; j++) {
                fm += v.getRow(id).mul(v.getRow(in[0].getInt(b, j))).sumNumber().doubleValue();
            }
        }
        return fm;
    }

    /**
     * Golden scale of the pairwise term at initialisation, at the default width (26 fields, dim 16, 100,000
     * buckets). Derivation: entries of v are independent N(0, σ²), so ⟨v_i, v_j⟩ for two distinct rows has mean 0
     * and variance dim·σ⁴, and the pairs of one example are uncorrelated, so Σ_{i<j}⟨v_i, v_j⟩ has standard
     * deviation σ²·√(pairs·dim) = 1e-4·√(325·16) = 0.00721 with σ = 0.01. The first-order weights start at 0, so
     * this is y_FM. With DL4J's Xavier for embeddings (fan-in 1: σ = √(2/17) = 0.343) the same formula gives 8.5:
     * the logits of ±20 before any training that made deepfm lose to dnn (DeepFmModel).
     */
    @Test
    void fmTermStartsNearZeroAtTheDefaultWidth() {
        int fields = 26;
        int rows = 2_000;
        ModelSpec s = ModelSpec.builder().type(ModelType.DEEPFM).hidden(8).embeddingDim(16).hashBuckets(100_000)
                .categoricalFields(fields).numericInputs(13).build();
        ComputationGraph g = Models.build(s);
        INDArray v = g.getLayer(DnnModel.EMBEDDING).getParam("W");
        assertEquals(DeepFmModel.EMBEDDING_INIT_STD, v.stdNumber().doubleValue(), 0.02 * DeepFmModel.EMBEDDING_INIT_STD);
        java.util.Random r = new java.util.Random(3);
        INDArray cat = Nd4j.create(DataType.FLOAT, rows, fields);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < fields; j++) {
                cat.putScalar(i, j, r.nextInt(100_000));
            }
        }
        Nd4j.getRandom().setSeed(4);
        INDArray fm = g.feedForward(new INDArray[] {cat, Nd4j.randn(DataType.FLOAT, rows, 13)}, false)
                .get(DeepFmModel.FM);
        double expected = 1e-4 * Math.sqrt(fields * (fields - 1) / 2.0 * 16);
        assertEquals(0.00721, expected, 1e-5);
        assertEquals(expected, fm.stdNumber().doubleValue(), 0.1 * expected, "std of y_FM at initialisation");
        assertTrue(fm.amaxNumber().doubleValue() < 0.1, "largest |y_FM| at initialisation " + fm.amaxNumber());
    }

    /**
     * The loss fit() reports is the loss of the batch before the step, as score() computes it: DL4J's LossLayer
     * with its own sigmoid reports the loss of sigmoid(dL/dz) instead (see {@link LossLayerSigmoid}).
     */
    @Test
    void fitReportsTheLossOfTheBatch() {
        // no dropout: the training-mode loss is then deterministic
        ComputationGraph g = Models.build(ModelSpec.builder().type(ModelType.DEEPFM).hidden(8, 4).embeddingDim(3)
                .hashBuckets(BUCKETS).categoricalFields(3).numericInputs(2).build());
        org.nd4j.linalg.dataset.MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(
                DnnModelTest.inputs(DataType.FLOAT, 32, 3, 2, 4), new INDArray[] {Nd4j.rand(DataType.FLOAT, 32, 1).gt(0.5)
                        .castTo(DataType.FLOAT)});
        double before = g.score(batch, true);
        g.fit(batch);
        assertEquals(before, g.score(), 1e-6);
    }

    /** LossLayerSigmoid: DL4J's sigmoid derivative, computed without overwriting the input. */
    @Test
    void lossLayerSigmoidKeepsItsInput() {
        INDArray z = Nd4j.createFromArray(new double[][] {{-2}, {0}, {3}});
        INDArray eps = Nd4j.createFromArray(new double[][] {{1}, {2}, {-1}});
        INDArray expected = new org.nd4j.linalg.activations.impl.ActivationSigmoid().backprop(z.dup(), eps).getFirst();
        INDArray grad = new LossLayerSigmoid().backprop(z, eps).getFirst();
        assertArrayEquals(expected.toDoubleVector(), grad.toDoubleVector(), 0.0);
        assertArrayEquals(new double[] {-2, 0, 3}, z.toDoubleVector(), 0.0, "the input was overwritten");
        // σ'(0) = 1/4, times ε = 2
        assertEquals(0.5, grad.getDouble(1, 0), 1e-12);
    }

    /** The health probe measures the tower's blocks of a deepfm graph as it does a dnn's. */
    @Test
    void healthProbeFindsTheTower() {
        ComputationGraph g = Models.build(spec("relu", 3, 2));
        HealthProbe probe = new HealthProbe(g);
        assertEquals(List.of(8, 4), HiddenLayer.units(probe.layers()));
        HealthStats stats = probe.emptyStats();
        probe.add(g.feedForward(DnnModelTest.inputs(DataType.FLOAT, 16, 3, 2, 5), false), stats);
        assertEquals(2, stats.layerCount());
        assertTrue(!stats.isEmpty(), "no statistics were collected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "prelu"})
    void gradientCheckOfTinyDeepFm(String activation) {
        NetworkChecks.useDouble();
        ModelSpec s = ModelSpec.builder().type(ModelType.DEEPFM).activation(activation).hidden(5, 3).embeddingDim(2)
                .hashBuckets(7).categoricalFields(3).numericInputs(2).seed(12).build();
        ComputationGraph g = Models.build(s, DataType.DOUBLE, new NoOp());
        DnnModelTest.assertTinyGradientsPass(g, 3, 2, 7, "deepfm with " + activation);
    }

    @Test
    void invalidSpecsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().type(ModelType.DEEPFM).numericInputs(3).build());
        assertEquals("model.type given invalid value deepfm; allowed: dnn when there are no categorical fields "
                + "(deepfm needs at least 1; numeric bucket fields do not count)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().type(ModelType.DEEPFM).categoricalFields(2).bucketFields(2).build());
        assertEquals("model.type given invalid value deepfm; allowed: dnn when there are no categorical fields "
                + "(deepfm needs at least 1; numeric bucket fields do not count)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().categoricalFields(2).bucketFields(3).build());
        assertEquals("numeric bucket fields given invalid value 3; allowed: 0..2 (at most the embedded fields)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().categoricalFields(2).bucketFields(-1).build());
        assertEquals("numeric bucket fields given invalid value -1; allowed: 0..2 (at most the embedded fields)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().type(ModelType.DIN).categoricalFields(3).build());
        assertEquals("model.type given invalid value din; allowed: din only with a behaviour sequence: "
                + "input.schema.sequence and input.schema.sequence_candidate (one categorical column per sequence column)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().type(ModelType.DEEPFM).categoricalFields(3).sequence(5, 0).build());
        assertEquals("model.type given invalid value deepfm; allowed: dnn or din when the input has a behaviour "
                + "sequence (input.schema.sequence_candidate); deepfm takes no sequence", e.getMessage());
        assertEquals(ModelType.DEEPFM, ModelType.parse("DeepFM"));
        assertEquals("deepfm", spec("relu", 2, 0).toMap().get("type"));
    }
}
