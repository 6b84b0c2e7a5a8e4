package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.health.HealthRecord;
import io.sparkact.models.DnnModel;
import io.sparkact.models.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checkpoint directory's protocol on the local file system: round trip, retention, damage, fingerprint. */
class CheckpointStoreTest {

    private static final Map<String, String> FP = Map.of("training.learning_rate", "0.01", "input.train good rows", "100");

    private static ComputationGraph graph(long seed) {
        return DnnModel.build(ModelSpec.builder().activation("relu").hidden(4).embeddingDim(2).hashBuckets(10)
                .categoricalFields(2).numericInputs(2).learningRate(0.01).seed(seed).build());
    }

    private static TrainingState state(int epoch, int bestEpoch, ComputationGraph g, INDArray bestParams) {
        List<EpochRecord> records = new ArrayList<>();
        List<HealthRecord> health = new ArrayList<>();
        for (int e = 1; e <= epoch; e++) {
            records.add(new EpochRecord(e, 0.5 - e / 100.0, 0.7 + e / 100.0, Double.NaN, e));
            health.add(new HealthRecord(e, "h0", "relu", 0.1, 0.2, 0.3, 0.4, 0.5, 6, Double.NaN));
        }
        INDArray bestUpdater = bestParams == null ? null : g.getUpdater().getStateViewArray().dup().addi(1);
        return new TrainingState(epoch, 7, g, records, health, bestEpoch, new EvalMetrics(0.71, 0.45, 1.01, 500),
                bestParams, bestUpdater, 100, 2.5);
    }

    @Test
    void roundTripKeepsModelUpdaterRecordsAndEarlyStoppingState(@TempDir Path tmp) throws IOException {
        CheckpointStore store = new CheckpointStore(tmp.resolve("cp").toString(), FP, s -> { });
        assertTrue(store.latest().isEmpty(), "an empty store has nothing to resume");
        ComputationGraph g = graph(1);
        g.getUpdater().getStateViewArray().assign(0.25); // Adam's moments: must come back, not be re-initialised
        INDArray bestParams = graph(2).params();
        store.save(state(2, 1, g, bestParams));

        TrainingState back = store.latest().orElseThrow();
        assertEquals(2, back.epoch());
        assertEquals(7, back.seed());
        assertEquals(g.params(), back.model().params());
        assertEquals(g.getUpdater().getStateViewArray(), back.model().getUpdater().getStateViewArray());
        assertEquals(state(2, 1, g, bestParams).epochs().toString(), back.epochs().toString()); // NaN survives as NaN
        assertEquals(state(2, 1, g, bestParams).health().toString(), back.health().toString());
        assertEquals(1, back.bestEpoch());
        assertEquals(new EvalMetrics(0.71, 0.45, 1.01, 500), back.bestMetrics());
        assertEquals(bestParams, back.bestParams());
        assertEquals(g.getUpdater().getStateViewArray().add(1), back.bestUpdaterState());
        assertEquals(100, back.trainExamples());
        assertEquals(2.5, back.fitSeconds());
    }

    @Test
    void keepsTheLastTwoAndRemovesStagingOfKilledRuns(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("cp");
        CheckpointStore store = new CheckpointStore(dir.toString(), FP, s -> { });
        ComputationGraph g = graph(1);
        store.save(state(1, 1, g, null));
        Files.createDirectories(dir.resolve("_temporary-killed/model.zip")); // what a run killed mid-save leaves
        store.save(state(2, 2, g, null));
        store.save(state(3, 3, g, null));
        assertEquals(new TreeSet<>(List.of(2, 3)), store.epochs());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("epoch-0002", "epoch-0003"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        TrainingState latest = store.latest().orElseThrow();
        assertEquals(3, latest.epoch());
        assertNull(latest.bestParams(), "best = last epoch: no separate copy");
        store.clear();
        assertFalse(Files.exists(dir));
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToTheOneBefore(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("cp");
        List<String> log = new ArrayList<>();
        CheckpointStore store = new CheckpointStore(dir.toString(), FP, log::add);
        store.save(state(1, 1, graph(1), null));
        store.save(state(2, 2, graph(2), null));
        Path model = dir.resolve("epoch-0002/model.zip");
        Files.write(model, java.util.Arrays.copyOf(Files.readAllBytes(model), 100)); // truncated
        TrainingState latest = store.latest().orElseThrow();
        assertEquals(1, latest.epoch());
        assertEquals(graph(1).params(), latest.model().params());
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("warning: checkpoint " + new org.apache.hadoop.fs.Path(dir.toString(),
                "epoch-0002") + " is damaged (model.zip has sha256 "), log.get(0));
        assertTrue(log.get(0).endsWith("); trying an older one"), log.get(0));
    }

    @Test
    void anotherFingerprintIsRefusedNamingWhatDiffers(@TempDir Path tmp) throws IOException {
        String dir = tmp.resolve("cp").toString();
        new CheckpointStore(dir, FP, s -> { }).save(state(1, 1, graph(1), null));
        Map<String, String> other = new LinkedHashMap<>(FP);
        other.put("training.learning_rate", "0.02");
        other.put("model.hidden", "[8]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointStore(dir, other, s -> { }).latest());
        // by hand: the keys in sorted order, each with the checkpoint's value and the current one
        assertEquals("the checkpoint " + new org.apache.hadoop.fs.Path(dir, "epoch-0001") + " belongs to a run with "
                + "another configuration or input (model.hidden was (absent), now [8]; training.learning_rate was 0.01, "
                + "now 0.02); rerun with the same configuration to resume it, or use another output, or delete "
                + new org.apache.hadoop.fs.Path(dir) + " to start over", e.getMessage());
    }
}
