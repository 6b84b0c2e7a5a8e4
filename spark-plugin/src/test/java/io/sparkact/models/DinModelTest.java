package io.sparkact.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.testing.NetworkChecks;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** DinModel (and the dnn with a sequence) as ModelSpec builds them: spec rules, shapes, whole-model gradient checks. */
class DinModelTest {

    private static final int BUCKETS = 40;
    private static final int NCAT = 3;
    private static final int L = 4;
    private static final int[] CANDIDATES = {1, 2};

    @AfterEach
    void floatAgain() {
        NetworkChecks.useFloat();
    }

    static ModelSpec spec(ModelType type, String attention) {
        return ModelSpec.builder().type(type).attentionActivation(attention).attentionHidden(List.of(3))
                .activation("relu").hidden(4).embeddingDim(2).hashBuckets(BUCKETS).categoricalFields(NCAT)
                .numericInputs(2).sequence(L, CANDIDATES).build();
    }

    /** cat ids [b, NCAT + L·k] with lengths 4, 2, 0; numeric [b, 2]; the cat input's mask. */
    static INDArray[] inputs(DataType dt) {
        int[] lengths = {4, 2, 0};
        int width = NCAT + L * CANDIDATES.length;
        INDArray cat = Nd4j.create(dt, lengths.length, width);
        INDArray mask = Nd4j.zeros(dt, lengths.length, width);
        Random r = new Random(5);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < width; t++) {
                cat.putScalar(i, t, r.nextInt(BUCKETS));
                mask.putScalar(i, t, t < NCAT || (t - NCAT) / CANDIDATES.length < lengths[i] ? 1 : 0);
            }
        }
        Nd4j.getRandom().setSeed(5);
        return new INDArray[] {cat, Nd4j.randn(dt, lengths.length, 2), mask};
    }

    @Test
    void dinNeedsABehaviourSequence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder()
                .type(ModelType.DIN).categoricalFields(3).hashBuckets(10).build());
        assertEquals("model.type given invalid value din; allowed: din only with a behaviour sequence: "
                + "input.schema.sequence and input.schema.sequence_candidate (one categorical column per sequence "
                + "column)", e.getMessage());
    }

    @Test
    void attentionWidthsAndCandidatesAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder()
                .type(ModelType.DIN).attentionHidden(List.of(0)).categoricalFields(3).sequence(5, 0).build());
        assertEquals("model.attention_hidden given invalid value [0]; allowed: positive layer widths", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder()
                .type(ModelType.DIN).categoricalFields(3).sequence(5, 3).build());
        assertEquals("input.schema.sequence_candidate given invalid value position 3; allowed: categorical fields 0..2",
                e.getMessage());
    }

    @Test
    void defaultsAndManifestKeys() {
        ModelSpec s = ModelSpec.builder().type(ModelType.DIN).categoricalFields(3).sequence(50, 1).build();
        assertEquals("dice(epsilon=1.0E-9,momentum=0.99)", s.toMap().get("attention_activation"));
        assertEquals(List.of(36), s.toMap().get("attention_hidden"));
        assertEquals(50, s.toMap().get("sequence_length"));
        assertEquals(List.of(1), s.toMap().get("candidate_positions"));
        ModelSpec plain = ModelSpec.builder().categoricalFields(3).build();
        assertTrue(!plain.toMap().containsKey("attention_activation") && !plain.toMap().containsKey("sequence_length"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dice", "prelu", "relu"})
    void dinBuildsAndPredictsProbabilities(String attention) {
        ComputationGraph g = DnnModel.build(spec(ModelType.DIN, attention));
        INDArray[] in = inputs(DataType.FLOAT);
        INDArray p = g.output(false, new INDArray[] {in[0], in[1]}, new INDArray[] {in[2], null})[0];
        assertArrayEquals(new long[] {3, 1}, p.shape());
        for (double v : p.toDoubleVector()) {
            assertTrue(v > 0 && v < 1, "probability " + v);
        }
        assertEquals(BUCKETS, DnnModel.embeddingConf(g.getConfiguration()).getNIn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"din:dice", "din:relu", "dnn:relu"})
    void wholeModelGradientCheckWithMasks(String which) {
        NetworkChecks.useDouble();
        String[] t = which.split(":");
        ModelSpec spec = spec(ModelType.parse(t[0]), t[1]);
        ComputationGraph g = DnnModel.build(ModelSpec.builder().type(spec.type()).attentionActivation(t[1])
                .attentionHidden(List.of(3)).activation("tanh").hidden(4).embeddingDim(2).hashBuckets(BUCKETS)
                .categoricalFields(NCAT).numericInputs(2).sequence(L, CANDIDATES).l2(0).build(), DataType.DOUBLE,
                new NoOp());
        INDArray[] in = inputs(DataType.DOUBLE);
        INDArray labels = Nd4j.create(new double[] {1, 0, 1}, new long[] {3, 1}, 'c');
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {in[0], in[1]}).inputMask(new INDArray[] {in[2], null})
                .labels(new INDArray[] {labels}).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, which + ": GradientCheckUtil failed (see log)");
    }
}
