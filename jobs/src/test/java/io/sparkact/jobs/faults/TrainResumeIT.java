package io.sparkact.jobs.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver of {@code train} (bin/sparkact, local[2]) SIGKILLed in the middle of its third epoch, then started
 * again with the same command: it resumes after the last complete checkpoint and ends within 0.01 AUC of an
 * uninterrupted run with the same seed, which runs at the same time in another child JVM.
 *
 * <p>When to kill: once {@code _checkpoints/epoch-0002} exists (renamed into place whole), half of epoch 2's
 * measured wall time later (its {@code seconds} in that checkpoint's state.json), i.e. about the middle of epoch 3.
 * The moment is logged, not asserted: if the machine is slow or fast and the kill lands elsewhere, the test still
 * checks that the rerun resumed after whichever checkpoint was the last one. Before the rerun, the same command
 * with another learning rate is refused (exit 2) and leaves the checkpoints as they were.
 */
class TrainResumeIT {

    static final int EPOCHS = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedDriverResumesFromTheLastCheckpointAndMatchesAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        FaultData.generate(data, 6_000);
        Path straightOut = dir.resolve("straight");
        Path out = dir.resolve("killed");
        try (ChildJob straight = ChildJob.start(dir, "straight", train(data, straightOut));
             ChildJob first = ChildJob.start(dir, "first", train(data, out))) {
            Path cp2 = out.resolve("_checkpoints/epoch-0002");
            first.awaitCondition("checkpoint " + cp2, () -> Files.isDirectory(cp2), Duration.ofMinutes(10));
            double epoch2 = JSON.readTree(cp2.resolve("state.json").toFile()).get("epochs").get(1).get("seconds").asDouble();
            Thread.sleep((long) (epoch2 * 500));
            first.kill();
            TreeSet<Integer> left = checkpoints(out);
            System.out.printf(Locale.ROOT, "TrainResumeIT: killed PID %d %.1f s after checkpoint 2 (epoch 2 took %.1f s);"
                    + " checkpoints left: %s%n", first.pid(), epoch2 / 2, epoch2, left);
            // nothing that looks finished: no _SUCCESS, no model, no metrics
            for (String f : List.of("_SUCCESS", "model", "metrics.json")) {
                assertFalse(Files.exists(out.resolve(f)), f + " exists after the kill");
            }
            assertTrue(left.last() < EPOCHS, "the kill came after the last epoch: " + left);

            // another learning rate on the same output: refused before training, naming the key and both values
            List<String> changed = new ArrayList<>(train(data, out));
            changed.addAll(List.of("--set", "training.learning_rate=0.02"));
            try (ChildJob other = ChildJob.start(dir, "other-config", changed)) {
                assertEquals(2, other.await(Duration.ofMinutes(4)), other.toString());
                Path cp = out.resolve("_checkpoints/epoch-" + String.format("%04d", left.last()));
                assertTrue(other.stderr().contains("sparkact train: the checkpoint " + cp
                        + " belongs to a run with another configuration or input (training.learning_rate was 0.01, "
                        + "now 0.02); rerun with the same configuration to resume it"), other.toString());
                assertEquals(left, checkpoints(out), "the refused run changed the checkpoints");
            }
            try (ChildJob second = ChildJob.start(dir, "second", train(data, out))) {
                assertEquals(0, second.await(Duration.ofMinutes(4)), second.toString());
                assertTrue(second.stderr().contains("resuming after epoch " + left.last() + " of " + EPOCHS
                        + " from its checkpoint"), second.toString());
                // the rerun trained only the epochs after the checkpoint
                for (int e = 1; e <= EPOCHS; e++) {
                    assertEquals(e > left.last(), second.stderr().contains("\nepoch " + e + ": train_loss"),
                            "epoch " + e + " trained by the rerun?\n" + second);
                }
            }
            assertEquals(0, straight.await(Duration.ofMinutes(4)), straight.toString());
        }
        JsonNode resumed = JSON.readTree(out.resolve("metrics.json").toFile());
        JsonNode reference = JSON.readTree(straightOut.resolve("metrics.json").toFile());
        double auc = resumed.get("auc").asDouble();
        double ref = reference.get("auc").asDouble();
        System.out.printf(Locale.ROOT, "TrainResumeIT: AUC resumed %.4f, uninterrupted %.4f (difference %.4f)%n",
                auc, ref, auc - ref);
        assertEquals(ref, auc, 0.01, "resumed " + resumed.get("epochs") + "\nuninterrupted " + reference.get("epochs"));
        assertEquals(EPOCHS, resumed.get("epochs").size(), resumed.get("epochs").toString());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_checkpoints")), "checkpoints are deleted once _SUCCESS is written");
    }

    static List<String> train(Path data, Path out) {
        List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        a.addAll(FaultData.trainSets(data, EPOCHS, "averaging"));
        a.addAll(List.of("--set", "output=" + out));
        return a;
    }

    static TreeSet<Integer> checkpoints(Path out) {
        TreeSet<Integer> epochs = new TreeSet<>();
        try (Stream<Path> s = Files.list(out.resolve("_checkpoints"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("epoch-\\d+"))
                    .forEach(n -> epochs.add(Integer.parseInt(n.substring(6))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return epochs;
    }
}
