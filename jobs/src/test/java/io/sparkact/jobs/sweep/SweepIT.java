package io.sparkact.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import io.sparkact.jobs.train.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Acceptance of {@code sparkact sweep} in-process on local[2], on 3,000 generated rows with a tiny model and
 * one epoch: the 24-trial grid of conf/sweep-activations.conf trial-parallel, its tables and report.html, a
 * rerun after lost trials runs exactly those, best.conf trains with {@code train}; data-parallel execution.
 */
class SweepIT {

    @TempDir
    static Path data;
    private static LocalSpark spark;
    /** Training rows generate wrote (its split is random), from its summary line. */
    private static long trainRows;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void generate() {
        spark = LocalSpark.start();
        CliRunner.Result r = CliRunner.run("generate", "--set", "output=" + data, "--set", "rows=2000",
                "--set", "partitions=2");
        assertEquals(Main.OK, r.code, r.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(train (\\d+),").matcher(r.out);
        assertTrue(m.find(), r.out);
        trainRows = Long.parseLong(m.group(1));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The example config on the generated data with a model small enough for seconds per trial. */
    private static CliRunner.Result sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--config", repoRoot().resolve("conf/sweep-activations.conf")
                        .toString(), "--set", "output=" + out, "--set", "input.train=" + data.resolve("train"),
                "--set", "input.valid=" + data.resolve("valid"), "--set", "model.hidden=8,4",
                "--set", "model.embedding_dim=4", "--set", "features.hash_buckets=1000", "--set", "training.epochs=1",
                "--set", "training.batch_size=256"));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(new String[0]));
    }

    /**
     * The 24-trial grid, then a rerun after two trial files were lost (what a sweep killed two trials before
     * the end leaves: files are written atomically) runs exactly those two, then best.conf trains.
     */
    @Test
    void twentyFourTrialsRunTrialParallelResumeAndBestConfTrains(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        CliRunner.Result r = sweep(out);
        assertEquals(Main.OK, r.code, r.toString());
        System.out.print(r.out); // progress lines and figures, for the build log
        assertTrue(r.out.contains("sweep: 24 trials (grid), 0 already done, 24 to run"), r.out);
        assertTrue(r.out.contains("execution: trial-parallel, 2 trials at once (" + trainRows + " training rows)"), r.out);
        assertEquals(24, r.out.lines().filter(l -> l.matches("\\[\\d+/24] .*")).count(), r.out);
        Map<String, Map<String, Object>> trials = trialFiles(out);
        assertEquals(24, trials.size());
        for (Map<String, Object> t : trials.values()) {
            assertEquals("ok", t.get("status"), t.toString());
            assertEquals("trial-parallel", t.get("execution"));
            // one epoch on 2,000 generated rows learns little (the LocalTrainer test checks learning): a number
            double auc = ((Number) map(t, "metrics").get("auc")).doubleValue();
            assertTrue(auc > 0 && auc < 1, "AUC " + auc);
            // model.hidden=8,4 and one epoch: two health records, summarised at epoch 1
            assertEquals(2, ((List<?>) t.get("health")).size());
            assertEquals(2, map(t, "health_summary").get("layers"));
        }
        List<String> trialsCsv = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(String.join(",", SweepResults.TRIAL_COLUMNS), trialsCsv.get(0));
        assertEquals(25, trialsCsv.size());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(String.join(",", SweepResults.SUMMARY_COLUMNS), summary.get(0));
        List<String> activations = summary.stream().skip(1).map(l -> l.startsWith("\"")
                ? l.substring(1, l.indexOf('"', 1)) : l.substring(0, l.indexOf(','))).toList();
        assertEquals(List.of("relu", "lrelu6(alpha=0.02,cap=6,alpha_high=0)", "rrelu(lower=0.125,upper=0.3333333333333333)",
                "hswish", "swish(beta=1,trainable=false)", "dice(epsilon=1.0E-9,momentum=0.99)"), activations);
        for (String row : summary.subList(1, summary.size())) {
            assertTrue(row.contains(",4,0,learning_rate="), "4 trials, 0 failed, best setting: " + row);
        }
        // report.html from the trial files: every swept activation, pooled over its best learning rate's 2 seeds
        String report = Files.readString(out.resolve("report.html"));
        for (String a : activations) {
            assertTrue(report.contains(a.replace("&", "&amp;")), a + " in report.html");
        }
        assertTrue(report.contains("<p>12 runs of 6 activations.</p>"), report.substring(0, 1500));
        assertTrue(report.contains("are pooled; 12 of 24 finished trials of other settings are left out."),
                report.substring(0, 1500));
        assertTrue(r.out.contains("/{trials.csv,summary.csv,best.conf,report.html}"), r.out);

        // resume: lose two trial files, rerun the same command
        List<Path> files = jsonFiles(out);
        Map<Path, byte[]> kept = new LinkedHashMap<>();
        for (Path f : files.subList(2, files.size())) {
            kept.put(f, Files.readAllBytes(f));
        }
        Files.delete(files.get(0));
        Files.delete(files.get(1));
        CliRunner.Result again = sweep(out);
        assertEquals(Main.OK, again.code, again.toString());
        assertTrue(again.out.contains("sweep: 24 trials (grid), 22 already done, 2 to run"), again.out);
        List<String> ran = again.out.lines().filter(l -> l.matches("\\[\\d+/24] .*"))
                .map(l -> l.split(" ")[1]).sorted().toList();
        assertEquals(files.subList(0, 2).stream().map(f -> f.getFileName().toString().replace(".json", "")).toList(),
                ran, "exactly the two lost trials ran");
        assertEquals(files, jsonFiles(out));
        for (Map.Entry<Path, byte[]> e : kept.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " was not rerun");
        }
        assertEquals(25, Files.readAllLines(out.resolve("trials.csv")).size());

        String best = Files.readString(out.resolve("best.conf"));
        assertTrue(best.contains("output = \"" + out.resolve("best") + "\""), best);
        CliRunner.Result train = CliRunner.run("train", "--config", out.resolve("best.conf").toString());
        assertEquals(Main.OK, train.code, train.toString());
        assertTrue(Files.isRegularFile(out.resolve("best/_SUCCESS")));
        Map<String, Object> metrics = json(out.resolve("best/metrics.json"));
        String bestId = best.substring(best.indexOf(": ") + 2, best.indexOf(" ("));
        assertEquals(trials.get(bestId).get("activation"), metrics.get("activation"));
    }

    @Test
    void dataParallelTrainsEachTrialDistributed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        CliRunner.Result r = sweep(out, "--set", "sweep.activations=hswish", "--set", "sweep.learning_rate=0.003",
                "--set", "sweep.seeds=1", "--set", "sweep.execution=data-parallel");
        assertEquals(Main.OK, r.code, r.toString());
        assertTrue(r.out.contains("execution: data-parallel"), r.out);
        Map<String, Map<String, Object>> trials = trialFiles(out);
        assertEquals(1, trials.size());
        Map<String, Object> t = trials.values().iterator().next();
        assertEquals("data-parallel", t.get("execution"));
        assertEquals("ok", t.get("status"), t.toString());
        assertNotNull(map(t, "metrics").get("auc"), t.toString());
        // SparkTrainer's health: two hidden layers, one epoch, with the gradient norms of the distributed fit
        assertEquals(2, ((List<?>) t.get("health")).size());
        assertEquals(2, Files.readAllLines(out.resolve("summary.csv")).size());
    }

    /**
     * Successive halving over three activations, rungs of 1 and 3 epochs, eta 3: three one-epoch trials, then the
     * best one resumes from its checkpoint for epochs 2 and 3; a rerun runs nothing.
     */
    @Test
    void halvingPromotesTheBestAndResumesItsCheckpoint(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        String[] halving = {"--set", "sweep.strategy=halving", "--set", "sweep.activations=relu,hswish,swish",
                "--set", "sweep.learning_rate=0.003", "--set", "sweep.seeds=1", "--set", "sweep.halving.min_epochs=1",
                "--set", "sweep.halving.max_epochs=3", "--set", "sweep.halving.eta=3"};
        CliRunner.Result r = sweep(out, halving);
        assertEquals(Main.OK, r.code, r.toString());
        assertTrue(r.out.contains("rung 1/2 (1 epochs): 3 trials, 0 already done, 3 to run"), r.out);
        assertTrue(r.out.contains("rung 2/2 (3 epochs): 1 trials, 0 already done, 1 to run"), r.out);
        Map<String, Map<String, Object>> trials = trialFiles(out);
        assertEquals(4, trials.size());
        Map<String, Object> best = null;
        Map<String, Object> finalTrial = null;
        for (Map<String, Object> t : trials.values()) {
            Map<String, Object> config = map(t, "config");
            if (((Number) config.get("training.epochs")).intValue() == 3) {
                finalTrial = t;
            } else if (best == null || auc(t) > auc(best)) {
                best = t;
            }
        }
        assertNotNull(finalTrial);
        assertEquals(best.get("activation"), finalTrial.get("activation"), "the best of rung 1 continues");
        List<?> epochs = (List<?>) map(finalTrial, "metrics").get("epochs");
        assertEquals(List.of(2, 3), epochs.stream().map(e -> ((Map<?, ?>) e).get("epoch")).toList(),
                "resumed after epoch 1: only epochs 2 and 3 trained");
        try (Stream<Path> s = Files.list(out.resolve("checkpoints"))) {
            assertEquals(3, s.filter(p -> p.toString().endsWith(".zip")).count(), "one checkpoint per rung-1 trial");
        }
        CliRunner.Result again = sweep(out, halving);
        assertTrue(again.out.contains("rung 1/2 (1 epochs): 3 trials, 3 already done, 0 to run"), again.out);
        assertTrue(again.out.contains("rung 2/2 (3 epochs): 1 trials, 1 already done, 0 to run"), again.out);
    }

    private static double auc(Map<String, Object> trial) {
        return ((Number) map(trial, "metrics").get("auc")).doubleValue();
    }

    /**
     * A trial whose task throws fails its own one-task job only: every trial is reported to the sink, each
     * with the executor's exception in one line (the samples here do not exist, so every task fails on read).
     */
    @Test
    void aFailingTrialTaskIsReportedAndTheOthersStillRun(@TempDir Path dir) throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("output", dir.toString());
        sets.put("input.train", data.resolve("train").toString());
        sets.put("input.valid", data.resolve("valid").toString());
        sets.put("sweep.activations", "relu,hswish");
        sets.put("features.hash_buckets", "1000");
        List<Trial> trials = SweepPlan.of(io.sparkact.jobs.config.JobConfig.load(SweepJob.SCHEMA, null, sets)).trials();
        org.apache.spark.sql.SparkSession session = org.apache.spark.sql.SparkSession.active();
        io.sparkact.data.FeatureEncoding enc = io.sparkact.data.FeatureEncoder.fit(
                session.read().parquet(data.resolve("train").toString()), io.sparkact.data.Schema.criteo(),
                io.sparkact.data.FeatureSpec.of(1000, io.sparkact.data.NumericTransform.LOG1P));
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        TrialSink sink = new TrialSink() {
            @Override
            public void finished(Trial trial, Map<String, Object> result, double seconds) {
                failures.add(trial.id() + " finished");
            }

            @Override
            public void failed(Trial trial, Throwable error, double seconds) {
                failures.add(trial.id() + " " + SweepRun.describe(error));
            }
        };
        String missing = dir.resolve("no-sample.bin").toString();
        new TrialParallel(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(session.sparkContext()), enc,
                missing, missing, 2).run(trials, sink);
        assertEquals(2, failures.size(), failures.toString());
        for (Trial t : trials) {
            assertTrue(failures.contains(t.id() + " java.io.FileNotFoundException: File " + missing + " does not exist"),
                    failures.toString());
        }
    }

    private static List<Path> jsonFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("trials"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static Map<String, Map<String, Object>> trialFiles(Path out) throws IOException {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (Path f : jsonFiles(out)) {
            m.put(f.getFileName().toString().replace(".json", ""), json(f));
        }
        return m;
    }

    private static Map<String, Object> json(Path f) throws IOException {
        return JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("conf")) && Files.isRegularFile(p.resolve("bin/sparkact"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
