package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.health.HealthRecord;
import io.sparkact.models.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** Single-process training of a sweep trial: it learns, its metrics are the exact ones, its data round-trips. */
class LocalTrainerTest {

    @Test
    void learnsTheSyntheticRuleAndReportsExactMetricsAndHealth(@TempDir Path tmp) throws Exception {
        SyntheticCtr trainData = new SyntheticCtr(6_400, 128, 1);
        SyntheticCtr validData = new SyntheticCtr(2_000, 500, 2);
        // through the file a Spark task reads
        InMemoryData.of(trainData.batches).save(tmp.resolve("train.bin").toString());
        InMemoryData train = InMemoryData.load(tmp.resolve("train.bin").toString());
        InMemoryData valid = InMemoryData.of(validData.batches);
        assertEquals(6_400, train.examples());
        ModelSpec m = ModelSpec.builder().activation("relu").hidden(16, 8).embeddingDim(4)
                .hashBuckets(SyntheticCtr.BUCKETS).categoricalFields(SyntheticCtr.CAT)
                .numericInputs(SyntheticCtr.NUM).learningRate(0.01).seed(7).build();
        TrainResult r = new LocalTrainer(m, TrainingSpec.builder().epochs(2).batchSize(128).build()).train(train, valid);

        double oracle = SyntheticCtr.pairAuc(validData.trueProb, validData.labels);
        System.out.printf("LocalTrainer: AUC %.4f (oracle %.4f), logloss %.4f, %.0f examples/s%n", r.metrics().auc(),
                oracle, r.metrics().logloss(), r.examplesPerSec());
        assertTrue(r.metrics().auc() >= oracle - 0.08, "AUC " + r.metrics().auc() + " vs oracle " + oracle);
        // the reported AUC is the pair-counting AUC of the returned model's predictions on valid
        List<Double> scores = new ArrayList<>();
        for (MultiDataSet b : valid.batches(500, null)) {
            INDArray p = r.graph().output(false, b.getFeatures())[0];
            for (double v : p.toDoubleVector()) {
                scores.add(v);
            }
        }
        assertEquals(SyntheticCtr.pairAuc(scores, validData.labels), r.metrics().auc(), 1e-9);
        assertEquals(2, r.epochs().size());
        assertEquals(2, r.bestEpoch());
        // two hidden layers x two epochs; grad_norm measured on the training minibatches
        assertEquals(4, r.health().size());
        for (HealthRecord h : r.health()) {
            assertTrue(h.gradNorm() > 0, h.toString());
            assertTrue(h.deadFraction() >= 0 && h.deadFraction() <= 1, h.toString());
        }
        assertEquals(Map.of("epoch", 1, "layer", "h0"), Map.of("epoch", r.health().get(0).epoch(),
                "layer", r.health().get(0).layer()));
        ComputationGraph g = r.graph();
        assertTrue(g.params().length() > 0);
    }

    @Test
    void batchesCutTheDataInOrderWithASmallerLastOne() {
        SyntheticCtr d = new SyntheticCtr(300, 100, 3);
        InMemoryData data = InMemoryData.of(d.batches);
        List<MultiDataSet> b = data.batches(128, null);
        assertEquals(List.of(128L, 128L, 44L), b.stream().map(m -> m.getLabels(0).size(0)).toList());
        // example 130 is row 30 of the original second minibatch, and row 2 of the new second one
        assertEquals(d.batches.get(1).getFeatures(1).getDouble(30, 0), b.get(1).getFeatures(1).getDouble(2, 0), 0);
        assertEquals(d.batches.get(1).getLabels(0).getDouble(30, 0), b.get(1).getLabels(0).getDouble(2, 0), 0);
    }
}
