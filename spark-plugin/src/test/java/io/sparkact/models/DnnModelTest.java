package io.sparkact.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.testing.NetworkChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** DnnModel: builds for every kind of catalogue activation and input layout; gradient check; errors. */
class DnnModelTest {

    private static final int BUCKETS = 50;

    @AfterEach
    void floatAgain() {
        NetworkChecks.useFloat();
    }

    static ModelSpec spec(String activation, int nCat, int nNum) {
        return ModelSpec.builder().activation(activation).hidden(8, 4).embeddingDim(3).hashBuckets(BUCKETS)
                .categoricalFields(nCat).numericInputs(nNum).dropout(0.1).build();
    }

    /** Inputs in contract order: cat indices spanning the whole vocabulary (incl. BUCKETS-1), then numeric. */
    static INDArray[] inputs(DataType dt, int rows, int nCat, int nNum, long seed) {
        Random r = new Random(seed);
        List<INDArray> in = new ArrayList<>();
        if (nCat > 0) {
            INDArray cat = Nd4j.create(dt, rows, nCat);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < nCat; j++) {
                    cat.putScalar(i, j, i == 0 && j == 0 ? BUCKETS - 1 : r.nextInt(BUCKETS));
                }
            }
            in.add(cat);
        }
        if (nNum > 0) {
            Nd4j.getRandom().setSeed(seed);
            in.add(Nd4j.randn(dt, rows, nNum));
        }
        return in.toArray(new INDArray[0]);
    }

    @ParameterizedTest
    @CsvSource({"relu,3,2", "relu,3,0", "relu,0,2", "'lrelu6(alpha=0.02)',3,2", "dice,3,2", "dice,3,0",
        "prelu,3,2", "prelu,0,2", "swish(trainable=true),3,2", "maxout(pieces=2),3,2", "maxout(pieces=2),0,2",
        "hswish,3,0"})
    void buildsAndOutputsProbabilities(String activation, int nCat, int nNum) {
        ComputationGraph g = DnnModel.build(spec(activation, nCat, nNum));
        assertEquals((nCat > 0 ? 1 : 0) + (nNum > 0 ? 1 : 0), g.getNumInputArrays());
        if (nCat > 0) {
            // the vocabulary must survive setInputTypes (STACK.md): conf nIn and the table's row count
            assertEquals(BUCKETS, DnnModel.embeddingConf(g.getConfiguration()).getNIn());
            assertArrayEquals(new long[] {BUCKETS, 3}, g.getLayer(DnnModel.EMBEDDING).getParam("W").shape());
        }
        INDArray out = g.outputSingle(false, inputs(DataType.FLOAT, 16, nCat, nNum, 7));
        assertArrayEquals(new long[] {16, 1}, out.shape());
        for (double p : out.toDoubleVector()) {
            assertTrue(p > 0 && p < 1, "output " + p + " is not a probability");
        }
        g.fit(new org.nd4j.linalg.dataset.MultiDataSet(inputs(DataType.FLOAT, 16, nCat, nNum, 8),
                new INDArray[] {Nd4j.ones(DataType.FLOAT, 16, 1)}));
        assertTrue(Double.isFinite(g.score()));
        INDArray[] probe = inputs(DataType.FLOAT, 4, nCat, nNum, 9);
        ComputationGraph back = roundTrip(g);
        assertArrayEquals(g.outputSingle(false, probe).toDoubleVector(),
                back.outputSingle(false, probe).toDoubleVector(), 0.0, "ModelSerializer round trip changed output");
        if (nCat > 0) {
            assertEquals(BUCKETS, DnnModel.embeddingConf(back.getConfiguration()).getNIn());
        }
    }

    static ComputationGraph roundTrip(ComputationGraph g) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            org.deeplearning4j.util.ModelSerializer.writeModel(g, bytes, true);
            return org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "prelu", "swish(trainable=true)"})
    void gradientCheckOfTinyDnn(String activation) {
        NetworkChecks.useDouble();
        ModelSpec s = ModelSpec.builder().activation(activation).hidden(5, 3).embeddingDim(2).hashBuckets(7)
                .categoricalFields(2).numericInputs(3).seed(12).build();
        ComputationGraph g = DnnModel.build(s, DataType.DOUBLE, new NoOp());
        assertTinyGradientsPass(g, 2, 3, 7, "dnn with " + activation);
    }

    /**
     * GradientCheckUtil on 6 examples of {@code nCat} random ids below {@code buckets} and {@code nNum}
     * standard-normal inputs, alternating labels; every parameter is checked.
     */
    static void assertTinyGradientsPass(ComputationGraph g, int nCat, int nNum, int buckets, String what) {
        Random r = new Random(3);
        INDArray cat = Nd4j.create(DataType.DOUBLE, 6, nCat);
        INDArray labels = Nd4j.create(DataType.DOUBLE, 6, 1);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < nCat; j++) {
                cat.putScalar(i, j, r.nextInt(buckets));
            }
            labels.putScalar(i, 0, i % 2);
        }
        Nd4j.getRandom().setSeed(5);
        INDArray num = Nd4j.randn(DataType.DOUBLE, 6, nNum);
        // Biases start at 0: an example whose ReLU layer is all zero then puts the next layer's
        // pre-activation exactly on the kink, where a finite difference is meaningless. Move off it.
        for (String k : g.paramTable().keySet()) {
            if (k.endsWith("_b")) {
                g.getParam(k).assign(0.05);
            }
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {cat, num}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).excludeParams(Set.of()));
        assertTrue(ok, "gradient check failed for " + what);
    }

    @Test
    void invalidValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().hidden(0).numericInputs(1).build());
        assertEquals("model.hidden given invalid value [0]; allowed: positive layer widths", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().dropout(1.0).numericInputs(1).build());
        assertEquals("model.dropout given invalid value 1.0; allowed: 0 <= dropout < 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().embeddingDim(0).numericInputs(1).build());
        assertTrue(e.getMessage().startsWith("model.embedding_dim given invalid value 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder().build());
        assertTrue(e.getMessage().contains("at least one categorical or numeric input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelType.parse("wide"));
        assertEquals("model.type given invalid value wide; allowed: one of [dnn, deepfm, din]", e.getMessage());
    }

    @Test
    void specSurvivesJavaSerialisation() throws Exception {
        ModelSpec s = spec("lrelu6(alpha=0.02)", 2, 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
            o.writeObject(s);
        }
        ModelSpec back = (ModelSpec) new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertEquals(s.toMap(), back.toMap());
        assertEquals(s.activation(), back.activation());
    }
}
