package io.sparkact.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving report inputs and reading metrics.json: what is accepted, and the exact errors for what is not. */
class RunInputsTest {

    @TempDir
    Path dir;

    private List<RunSummary> read(String... inputs) throws IOException {
        return RunInputs.read(List.of(inputs), new Configuration());
    }

    @Test
    void readsATrainOutputWithNullsAsNaN() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("_SUCCESS"), "");
        Files.writeString(run.resolve("metrics.json"), "{\"activation\":\"relu\",\"model\":\"dnn\",\"auc\":0.75,"
                + "\"logloss\":null,\"epochs\":[{\"epoch\":1,\"train_loss\":0.5,\"val_auc\":0.7,\"val_logloss\":0.4,"
                + "\"seconds\":2}],\"health\":[{\"epoch\":1,\"layer\":\"h0\",\"dead_fraction\":0.25,"
                + "\"saturated_fraction\":0.5,\"active_fraction\":0.5,\"grad_norm\":null}]}");
        RunSummary r = read(run.toString()).get(0);
        assertEquals("relu", r.activation());
        assertEquals(0.75, r.auc());
        assertTrue(Double.isNaN(r.logloss()), "null logloss");
        assertTrue(Double.isNaN(r.examplesPerSec()), "absent examples_per_sec");
        assertEquals(List.of(new RunSummary.Epoch(1, 0.5, 0.7, 0.4, 2)), r.epochs());
        assertEquals(0.25, r.health().get(0).deadFraction());
        assertTrue(Double.isNaN(r.health().get(0).gradNorm()));
        assertEquals("file:" + run.resolve("metrics.json"), r.source());
    }

    @Test
    void globsAreExpandedInSortedOrderAndSweepsContributeEveryTrial() throws IOException {
        MetricsFixtures.trainOutput(dir.resolve("runs/b"), "hswish", 2, 1);
        MetricsFixtures.trainOutput(dir.resolve("runs/a"), "relu", 2, 0);
        Path trials = Files.createDirectories(dir.resolve("sweep/trials"));
        Files.writeString(trials.resolve("t2.json"), MetricsFixtures.json("dice", 2, 2));
        Files.writeString(trials.resolve("t1.json"), MetricsFixtures.json("dice", 2, 3));
        List<RunSummary> runs = read(dir.resolve("runs/*").toString(), dir.resolve("sweep").toString());
        assertEquals(List.of("relu", "hswish", "dice", "dice"), runs.stream().map(RunSummary::activation).toList());
        assertTrue(runs.get(2).source().endsWith("sweep/trials/t1.json"), runs.get(2).source());
    }

    @Test
    void inputMatchingNothingIsAUsageErrorNamingIt() {
        String missing = dir.resolve("nope/*").toString();
        UsageException e = assertThrows(UsageException.class, () -> read(missing));
        assertEquals("config key report.inputs given invalid value '" + missing + "': no such file or directory",
                e.getMessage());
    }

    @Test
    void unfinishedTrainOutputIsAUsageError() throws IOException {
        Path run = MetricsFixtures.trainOutput(dir.resolve("run"), "relu", 1, 0);
        Files.delete(run.resolve("_SUCCESS"));
        UsageException e = assertThrows(UsageException.class, () -> read(run.toString()));
        assertEquals("config key report.inputs given invalid value '" + run + "': file:" + run
                + " is not a finished train output (no _SUCCESS); rerun train or leave it out", e.getMessage());
    }

    @Test
    void directoryThatIsNoOutputIsAUsageError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        UsageException e = assertThrows(UsageException.class, () -> read(empty.toString()));
        assertEquals("config key report.inputs given invalid value '" + empty + "': file:" + empty
                + " is neither a train output (no metrics.json) nor a sweep output (no trials/)", e.getMessage());
    }

    @Test
    void corruptJsonNamesTheFileLineAndColumn() throws IOException {
        Path run = MetricsFixtures.trainOutput(dir.resolve("run"), "relu", 1, 0);
        Files.writeString(run.resolve("metrics.json"), "{\"activation\": \"relu\",\n  \"auc\": 0.7,,\n}");
        IOException e = assertThrows(IOException.class, () -> read(run.toString()));
        assertEquals("file:" + run.resolve("metrics.json") + " is not valid JSON: Unexpected character (',' (code "
                + "44)): was expecting double-quote to start field name at line 2, column 15", e.getMessage());
    }

    @Test
    void wrongTypesNameTheFileAndKey() throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"activation\":\"relu\",\"auc\":\"high\"}");
        IOException e = assertThrows(IOException.class, () -> read(f.toString()));
        assertEquals("file:" + f + ": auc is \"high\"; expected a number or null", e.getMessage());
        Files.writeString(f, "[1, 2]");
        e = assertThrows(IOException.class, () -> read(f.toString()));
        assertEquals("file:" + f + " is not a metrics.json: expected a JSON object", e.getMessage());
        Files.writeString(f, "{\"auc\":0.5}");
        e = assertThrows(IOException.class, () -> read(f.toString()));
        assertEquals("file:" + f + ": activation is missing or not a non-empty string", e.getMessage());
    }
}
