package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.models.DnnModel;
import io.sparkact.models.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** TrainingSpec validation and TrainOutput's commit rules, without Spark. */
class TrainingSpecAndCommitTest {

    @Test
    void trainingSpecErrorsNameTheKey() {
        assertEquals("training.epochs given invalid value 0; allowed: an integer >= 1",
                assertThrows(IllegalArgumentException.class, () -> TrainingSpec.builder().epochs(0).build()).getMessage());
        assertEquals("training.patience given invalid value -1; allowed: an integer >= 0",
                assertThrows(IllegalArgumentException.class, () -> TrainingSpec.builder().patience(-1).build()).getMessage());
        assertEquals("training.master given invalid value ring; allowed: one of [averaging, sharing]",
                assertThrows(IllegalArgumentException.class, () -> TrainingSpec.Master.parse("ring")).getMessage());
        TrainingSpec d = TrainingSpec.builder().build();
        assertEquals(TrainingSpec.Master.AVERAGING, d.master());
        assertEquals(3, d.epochs());
        assertEquals(256, d.batchSize());
        assertEquals(0, d.patience());
        assertEquals(1.0, d.lrDecay());
    }

    @Test
    void learningRateDecayPerEpochAndItsErrors() {
        TrainingSpec t = TrainingSpec.builder().lrDecay(0.5).build();
        // 0.002, then halved per epoch: 0.002, 0.001, 0.0005
        assertEquals(0.002, t.learningRate(0.002, 1), 0.0);
        assertEquals(0.001, t.learningRate(0.002, 2), 0.0);
        assertEquals(0.0005, t.learningRate(0.002, 3), 0.0);
        assertEquals(0.002, TrainingSpec.builder().build().learningRate(0.002, 7), 0.0);
        for (double bad : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertEquals("training.lr_decay given invalid value " + bad + "; allowed: a number in (0, 1]",
                    assertThrows(IllegalArgumentException.class, () -> TrainingSpec.builder().lrDecay(bad).build())
                            .getMessage());
        }
        assertRefusedWithSharing(b -> b.lrDecay(0.5), "training.lr_decay given invalid value 0.5; allowed: 1 with "
                + "training.master=sharing");
        assertEquals(1.0, TrainingSpec.builder().master("sharing").build().lrDecay());
    }

    @Test
    void averagingFrequencyDefaultBoundAndRefusedWithSharing() {
        assertEquals(5, TrainingSpec.builder().build().averagingFrequency());
        assertEquals(2, TrainingSpec.builder().averagingFrequency(2).build().averagingFrequency());
        assertEquals("training.averaging_frequency given invalid value 0; allowed: an integer >= 1",
                assertThrows(IllegalArgumentException.class, () -> TrainingSpec.builder().averagingFrequency(0).build())
                        .getMessage());
        assertRefusedWithSharing(b -> b.averagingFrequency(2), "training.averaging_frequency given invalid value 2; "
                + "allowed: 5 (the default) with training.master=sharing");
        assertEquals(5, TrainingSpec.builder().master("sharing").build().averagingFrequency());
    }

    /** A sharing spec with {@code setting} applied is refused with a message starting {@code messageStart}. */
    private static void assertRefusedWithSharing(java.util.function.UnaryOperator<TrainingSpec.Builder> setting,
                                                 String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> setting.apply(TrainingSpec.builder().master("sharing")).build());
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    static TrainResult fakeResult(double auc) {
        ModelSpec m = ModelSpec.builder().hidden(4).numericInputs(2).build();
        return new TrainResult(DnnModel.build(m), m, List.of(new EpochRecord(1, 0.6, auc, 0.6, 1.0)), 1,
                new EvalMetrics(auc, 0.6, 1.0, 10), 100, 50.0, 2.0);
    }

    @Test
    void unfinishedDirectoryIsCompletedInPlaceKeepingOtherFiles(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/stale.txt"), "old");
        Files.writeString(dir.resolve("metrics.json"), "{}"); // a killed run: files but no _SUCCESS
        Files.createDirectories(dir.resolve("quarantine"));
        Files.writeString(dir.resolve("quarantine/part-0.json"), "{}"); // written by this run before training
        assertFalse(TrainOutput.isFinished(dir.toString()));
        TrainOutput.write(dir.toString(), fakeResult(0.7), Map.of(), new TrainOutput.Rows(1, 1, 0), false);
        assertTrue(TrainOutput.isFinished(dir.toString()));
        assertFalse(Files.exists(dir.resolve("model/stale.txt")), "old model/ must be replaced, not merged");
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"auc\""));
        assertTrue(Files.exists(dir.resolve("quarantine/part-0.json")), "other files of the run are kept");
        try (var entries = Files.list(dir)) {
            assertEquals(List.of("_SUCCESS", "health.csv", "metrics.json", "model", "quarantine"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(), "staging directory left behind");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void undefinedAucIsJsonNull(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        TrainOutput.write(dir.toString(), fakeResult(Double.NaN), Map.of());
        String text = Files.readString(dir.resolve("metrics.json"));
        assertFalse(text.contains("NaN"), text);
        Map<String, Object> m = new ObjectMapper().readValue(text, Map.class);
        assertNull(m.get("auc"));
        assertTrue(m.containsKey("auc"));
    }
}
