package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Checks of a train output directory, run on a model trained by {@link SparkTrainerTest}. */
final class TrainOutputTest {

    private TrainOutputTest() {
    }

    static ComputationGraph roundTrip(ComputationGraph g) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(g, bytes, true);
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static void checkOutputs(Path tmp, TrainResult r) throws IOException {
        Path dir = tmp.resolve("run");
        TrainOutput.write(dir.toString(), r, Map.of("activation", "relu", "config", Map.of("x", 1)),
                new TrainOutput.Rows(13_000, 12_800, 200), false);
        Path success = dir.resolve("_SUCCESS");
        for (String f : List.of("model/model.zip", "model/manifest.json", "metrics.json", "health.csv", "_SUCCESS")) {
            assertTrue(Files.exists(dir.resolve(f)), f + " missing");
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertTrue(!p.getFileName().toString().endsWith(".crc") && !p.getFileName().toString().startsWith("."),
                        "stray file " + p);
                assertTrue(Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(success)) <= 0,
                        p + " is newer than _SUCCESS");
            }
        }
        Map<String, Object> manifest = TrainOutput.readManifest(dir.toString());
        assertEquals(1, manifest.get("format_version"));
        String sha = HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(dir.resolve("model/model.zip"))));
        assertEquals(sha, manifest.get("sha256"));
        assertEquals("relu", manifest.get("activation"));
        Map<String, Object> metrics = new ObjectMapper().readValue(dir.resolve("metrics.json").toFile(), Map.class);
        assertEquals(List.of("activation", "model", "auc", "logloss", "calibration", "examples_per_sec",
                "train_seconds", "epochs", "health", "rows"), List.copyOf(metrics.keySet()));
        assertEquals(List.of("epoch", "train_loss", "val_auc", "val_logloss", "seconds"),
                List.copyOf(((List<Map<String, Object>>) metrics.get("epochs")).get(0).keySet()));
        assertEquals(Map.of("read", 13_000, "used", 12_800, "quarantined", 200), metrics.get("rows"));
        // health: exactly the result's records, and health.csv holds the same rows
        assertEquals(r.health().stream().map(io.sparkact.health.HealthRecord::toMap).toList(), metrics.get("health"));
        assertEquals(io.sparkact.health.HealthCsv.format(r.health()), Files.readString(dir.resolve("health.csv")));

        ComputationGraph loaded = TrainOutput.loadModel(dir.toString());
        MultiDataSet probe = new SyntheticCtr(50, 50, 9).batches.get(0);
        assertArrayEquals(r.graph().output(false, probe.getFeatures())[0].toDoubleVector(),
                loaded.output(false, probe.getFeatures())[0].toDoubleVector(), 0.0);

        IOException refused = assertThrows(IOException.class,
                () -> TrainOutput.write(dir.toString(), r, Map.of(), new TrainOutput.Rows(1, 1, 0), false));
        assertTrue(refused.getMessage().contains("already holds a finished result"), refused.getMessage());
        TrainOutput.write(dir.toString(), r, Map.of(), new TrainOutput.Rows(1, 1, 0), true);
        assertTrue(Files.exists(success));

        byte[] zip = Files.readAllBytes(dir.resolve("model/model.zip"));
        zip[zip.length / 2] ^= 1;
        Files.write(dir.resolve("model/model.zip"), zip);
        IOException tampered = assertThrows(IOException.class, () -> TrainOutput.loadModel(dir.toString()));
        assertTrue(tampered.getMessage().contains("does not match its manifest"), tampered.getMessage());
    }
}
