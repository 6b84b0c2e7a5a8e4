package io.sparkact.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.sweep.SweepTrialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving report inputs and reading metrics.json: what is accepted, and the exact errors for what is not. */
class RunInputsTest {

    @TempDir
    Path dir;

    private List<RunSummary> read(String... inputs) throws IOException {
        return RunInputs.read(List.of(inputs), new Configuration()).runs();
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

    /**
     * A sweep of relu and hswish × learning rates 0.001 and 0.01 × seeds 1 and 2, written by the sweep's own
     * writers. Mean AUC per setting: relu 0.001 → (0.70 + 0.80) / 2 = 0.75, relu 0.01 → (0.76 + 0.78) / 2 = 0.77,
     * hswish 0.001 → 0.73, hswish 0.01 → 0.90 (its seed 1 failed, seed 2 alone). So the pooled trials are relu
     * 0.01 (0.76, 0.78) and hswish 0.01 (0.90): 3 of the 7 finished trials; 4 left out, 1 failed.
     */
    private Map<String, Map<String, Object>> sweep(Path out) throws IOException {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("input.train", dir.resolve("train").toString());
        sets.put("input.valid", dir.resolve("valid").toString());
        sets.put("sweep.activations", "relu,hswish");
        sets.put("sweep.learning_rate", "0.001,0.01");
        sets.put("sweep.seeds", "1,2");
        return SweepTrialFiles.write(out, sets, p -> {
            boolean relu = p.get("model.activation").equals("relu");
            boolean high = p.get("training.learning_rate").toString().equals("0.01");
            boolean seed1 = p.get("training.seed").toString().equals("1");
            if (relu) {
                return high ? (seed1 ? 0.76 : 0.78) : (seed1 ? 0.70 : 0.80);
            }
            if (high) {
                return seed1 ? null : Double.valueOf(0.90); // boxed: a null must not be unboxed
            }
            return seed1 ? 0.72 : 0.74;
        });
    }

    private static String failedId(Map<String, Map<String, Object>> trials) {
        return trials.entrySet().stream().filter(e -> e.getValue().get("model.activation").equals("hswish")
                && e.getValue().get("training.learning_rate").toString().equals("0.01")
                && e.getValue().get("training.seed").toString().equals("1")).findFirst().orElseThrow().getKey();
    }

    private static List<String> activationAndAuc(List<RunSummary> runs) {
        return runs.stream().map(r -> r.activation() + " " + r.auc()).sorted().toList();
    }

    @Test
    void globsAreExpandedInSortedOrderAndSweepsPoolTheBestSettingOfEachActivation() throws IOException {
        MetricsFixtures.trainOutput(dir.resolve("runs/b"), "hswish", 2, 1);
        MetricsFixtures.trainOutput(dir.resolve("runs/a"), "relu", 2, 0);
        Path out = dir.resolve("sweep");
        String failed = failedId(sweep(out));
        RunInputs.Read read = RunInputs.read(List.of(dir.resolve("runs/*").toString(), out.toString()),
                new Configuration());
        List<RunSummary> runs = read.runs();
        assertEquals(List.of("relu", "hswish"), runs.subList(0, 2).stream().map(RunSummary::activation).toList());
        assertEquals(List.of("hswish 0.9", "relu 0.76", "relu 0.78"), activationAndAuc(runs.subList(2, 5)));
        assertEquals(5, runs.size());
        assertEquals(List.of("file:" + out + ": per activation only the trials of its best setting (highest mean "
                + "validation AUC over seeds, as in summary.csv) are pooled; 4 of 7 finished trials of other "
                + "settings are left out.", "Skipped failed trial " + failed + " (hswish): "
                + "java.lang.IllegalStateException: diverged"), read.notes());
        RunSummary trial = runs.stream().filter(r -> r.auc() == 0.76).findFirst().orElseThrow();
        assertTrue(trial.source().startsWith("file:" + out.resolve("trials") + "/"), trial.source());
        assertEquals("learning_rate=0.01 epochs=3", trial.setting());
        // TrialMetrics' epochs and health: two epochs, hidden layers h0 and h1
        assertEquals(new RunSummary.Epoch(2, 0.45, 0.76, 0.44, 1.0), trial.epochs().get(1));
        assertEquals(4, trial.health().size());
        assertEquals(new RunSummary.LayerHealth(2, "h1", 0.2, 0.05, 0.6, 3.0), trial.health().get(3));
        assertEquals(5000.0, trial.examplesPerSec());
    }

    @Test
    void trialFilesMatchedByAGlobAreSelectedTogether() throws IOException {
        Path out = dir.resolve("sweep");
        sweep(out);
        String glob = out.resolve("trials/*.json").toString();
        RunInputs.Read read = RunInputs.read(List.of(glob), new Configuration());
        assertEquals(List.of("hswish 0.9", "relu 0.76", "relu 0.78"), activationAndAuc(read.runs()));
        assertTrue(read.notes().get(0).startsWith(glob + ": per activation only"), read.notes().get(0));
    }

    @Test
    void trialFileOfAnotherFormatVersionNamesTheFile() throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"format_version\":2,\"trial_id\":\"ab\",\"status\":\"ok\",\"activation\":\"relu\"}");
        IOException e = assertThrows(IOException.class, () -> read(f.toString()));
        assertEquals("file:" + f + ": format_version is 2; this report reads sweep trial files of format_version 1",
                e.getMessage());
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
