package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkact.jobs.cli.CliRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code train} from the shaded jar on a real standalone cluster (master + 2 workers, 1 core each, loopback) through
 * SparkSubmit in client mode, once per training master, then {@code model.type=din} on a small generated
 * behaviour-sequence set (4,000 rows; see {@link #dinTrainsOnTheClusterWithAveraging}), then {@code sweep}'s
 * 24-trial grid trial-parallel on the same data (a whole submit 45-48 s). The data set is generated once, in-process
 * on local[2]:
 * 20,000 rows of 3 numeric and 3 categorical fields with 10 values each, so that a small net learns most of what the
 * true model knows in a few epochs.
 *
 * <p>Golden values come from outside the trainer: the oracle's AUC (true click probabilities, written by
 * {@code generate}) and its row counts. Measured with these settings (2 cores shared with two other Spark runs,
 * load 7-18): oracle AUC 0.8319; averaging 0.7876 in both of two runs (gap 0.0443),
 * sharing 0.7864 and 0.7833 (gap 0.0454, 0.0486; its asynchronous updates vary from run to run). Train time 23-28 s
 * (averaging) and 36-46 s (sharing), a whole submit 72-84 s and 81-113 s, the class 205-256 s. Validation AUC after
 * epochs 1/2/3: averaging 0.776/0.791/0.788, sharing 0.764/0.789/0.783. {@link #MAX_AUC_GAP} = 0.06 leaves the
 * sharing master ~0.01 over its worst measured gap (5x the spread seen between runs) and fails the known silent
 * failure (executors that do not exchange updates leave the AUC near 0.5, a gap above 0.3) and a sharing run that
 * learns no more than its first epoch does (gap 0.068); averaging's first epoch alone (gap 0.056) would pass.
 *
 * <p>The averaging submit trains {@code model.type = deepfm} (issue 5), the sharing submit and the sweep train
 * dnn: both model families train on the cluster without a submit more (a submit costs 70-80 s, most of it
 * fixed). The averaging path is the same for both families (the graph is opaque to the training master); what
 * deepfm adds there is its custom vertex and LossLayer on the executors. The figures above are dnn's;
 * deepfm's are in {@link #averagingTrainsDeepFmOnTheCluster}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainClusterIT {

    static final Path STATE = StandaloneCluster.ROOT.resolve("jobs/target/it-clusters/train-cluster-it");
    static final Path APP_JAR = StandaloneCluster.ROOT.resolve("jobs/target/sparkact-jobs.jar");
    static final Path DATA = STATE.resolve("data");
    static final long ROWS = 20_000;
    static final int EPOCHS = 3;
    static final double MAX_AUC_GAP = 0.06;
    static final Path SEQ_DATA = STATE.resolve("data-sequence");
    static final long SEQ_ROWS = 4_000;
    static final double MIN_DIN_AUC = 0.55;
    static final String AERON_FLAG = "-Daeron.publication.unblock.timeout=";
    private static final Pattern LAUNCH = Pattern.compile("Launch command: (.*)");

    static StandaloneCluster cluster;
    static JsonNode oracle;
    static JsonNode seqOracle;

    @BeforeAll
    static void generateAndStart() throws Exception {
        AeronFiles.deleteTree(STATE);
        Files.createDirectories(STATE);
        // the cluster's JVMs start while this JVM generates: mostly waiting on each other, ~15 s saved
        CompletableFuture<StandaloneCluster> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return StandaloneCluster.start(STATE.resolve("cluster"), 2, 1, "1g", Duration.ofSeconds(120));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the cluster", e);
            }
        });
        try {
            generate();
        } finally {
            cluster = starting.join();  // also when generate failed: @AfterAll stops what was started
        }
    }

    /** {@code generate} in this JVM on local[2]: the job's SparkSessions picks up the session made here. */
    private static void generate() throws IOException {
        SparkSession local = SparkSession.builder().appName("TrainClusterIT generate").master("local[2]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            CliRunner.Result r = CliRunner.run("generate", "--set", "rows=" + ROWS, "--set", "output=" + DATA,
                    "--set", "numeric_fields=3", "--set", "categorical_fields=3", "--set", "cardinalities=10");
            assertEquals(0, r.code, r.toString());
            CliRunner.Result seq = CliRunner.run("generate", "--set", "rows=" + SEQ_ROWS, "--set", "output=" + SEQ_DATA,
                    "--set", "sequence=on", "--set", "numeric_fields=1", "--set", "categorical_fields=2",
                    "--set", "partitions=2");
            assertEquals(0, seq.code, seq.toString());
        } finally {
            local.stop();
        }
        oracle = new ObjectMapper().readTree(DATA.resolve("oracle.json").toFile());
        assertEquals(ROWS, oracle.get("rows_train").asLong() + oracle.get("rows_valid").asLong(), oracle.toString());
        seqOracle = new ObjectMapper().readTree(SEQ_DATA.resolve("oracle.json").toFile());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * DeepFM under parameter averaging. Measured (2 cores shared, load 10-20): AUC 0.7588, oracle 0.7924, gap
     * 0.0335; train 52 s, submit 149 s. At load 25-30 this submit, like the dnn ones of the same run, hit the
     * 4-minute limit in epoch 2 (epoch 1: validation AUC 0.753).
     */
    @Test
    @Order(1)
    void averagingTrainsDeepFmOnTheCluster() throws Exception {
        trainAndCheck("averaging", "deepfm");
    }

    @Test
    @Order(2)
    void sharingTrainsOnTheCluster() throws Exception {
        trainAndCheck("sharing", "dnn");
    }

    /**
     * Issue 7's cluster half: the 24-trial grid of conf/sweep-activations.conf, trial-parallel, on this class's
     * data and cluster, with a model small enough for about a second per trial (one epoch, one hidden layer of 16).
     * That the trials ran on the executors is read from Spark's event log, which records the executor of every
     * task: each trial is one job of one task, named by its job description ({@code TrialParallel}).
     */
    /**
     * Issue 5 on the cluster: din (attention vertices, masked behaviour sequences) under the averaging master, on
     * the small sequence data set: the executors build the sequence input and its mask ({@code Minibatches}) and
     * fit and evaluate the custom vertices. Two epochs of a small model: what is checked is that it runs and
     * learns something (AUC above chance by a margin a broken mask or attention would not reach reliably) and
     * that every row is read and none truncated (histories are 1..50 long, the default maximum is 50).
     */
    @Test
    @Order(3)
    void dinTrainsOnTheClusterWithAveraging() throws Exception {
        Path out = STATE.resolve("out-din");
        List<String> args = new ArrayList<>(List.of("train"));
        for (String kv : List.of("input.train=" + SEQ_DATA.resolve("train"), "input.valid=" + SEQ_DATA.resolve("valid"),
                "input.schema.numeric=I1", "input.schema.categorical=C1,C2,item,item_cat",
                "input.schema.sequence=hist_item,hist_cat", "input.schema.sequence_candidate=item,item_cat",
                "model.type=din", "model.attention_hidden=8", "model.hidden=16", "model.embedding_dim=4",
                "features.hash_buckets=5000", "training.epochs=2", "training.batch_size=64",
                "training.learning_rate=0.01", "training.master=averaging", "output=" + out)) {
            args.add("--set");
            args.add(kv);
        }
        long t0 = System.nanoTime();
        StandaloneCluster.Submission s = cluster.submit(List.of("spark.ui.enabled=false", "spark.cores.max=2",
                        "spark.scheduler.minRegisteredResourcesRatio=1.0",
                        "spark.scheduler.maxRegisteredResourcesWaitingTime=120s"),
                // 8 minutes: at load 30-36 on the 2 shared cores a first try was still counting the minibatches
                // (the executors' first ND4J use) when 4 minutes ran out
                APP_JAR.toString(), "io.sparkact.jobs.cli.Main", args, Duration.ofMinutes(8));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, s.exitCode(), s.toString());
        assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")), "no _SUCCESS in " + out + "\n" + s);
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        double auc = m.get("auc").asDouble();
        System.out.printf(Locale.ROOT, "TrainClusterIT din: AUC %.4f (oracle %.4f), train %.1f s, submit %.1f s%n",
                auc, seqOracle.get("auc").asDouble(), m.get("train_seconds").asDouble(), seconds);
        assertEquals("din", m.get("model").asText());
        assertTrue(auc > MIN_DIN_AUC, "din AUC " + auc + "; epochs: " + m.get("epochs"));
        JsonNode rows = m.get("rows");
        assertEquals(SEQ_ROWS, rows.get("read").asLong(), rows.toString());
        assertEquals(SEQ_ROWS, rows.get("used").asLong(), rows.toString());
        assertEquals(0, rows.get("truncated").asLong(), rows.toString());
    }

    @Test
    @Order(4)
    void sweepRunsTwentyFourTrialsOnTheExecutors() throws Exception {
        Path out = STATE.resolve("out-sweep");
        Path events = STATE.resolve("events-sweep");
        Files.createDirectories(events);
        try {
            List<String> args = new ArrayList<>(List.of("sweep", "--config",
                    StandaloneCluster.ROOT.resolve("conf/sweep-activations.conf").toString()));
            for (String kv : List.of("output=" + out, "input.train=" + DATA.resolve("train"),
                    "input.valid=" + DATA.resolve("valid"), "input.schema.numeric=I1,I2,I3",
                    "input.schema.categorical=C1,C2,C3", "features.hash_buckets=5000", "model.hidden=16",
                    "model.embedding_dim=4", "training.epochs=1", "sweep.execution=trial-parallel")) {
                args.add("--set");
                args.add(kv);
            }
            long t0 = System.nanoTime();
            StandaloneCluster.Submission s = cluster.submit(List.of("spark.ui.enabled=false", "spark.cores.max=2",
                            "spark.scheduler.minRegisteredResourcesRatio=1.0",
                            "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                            "spark.eventLog.enabled=true", "spark.eventLog.dir=" + events.toUri()),
                    APP_JAR.toString(), "io.sparkact.jobs.cli.Main", args, Duration.ofMinutes(4));
            System.out.printf(Locale.ROOT, "TrainClusterIT sweep: submit %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertEquals(0, s.exitCode(), s.toString());
            // both 1-core executors registered before the first job (minRegisteredResourcesRatio): 2 at once
            assertTrue(s.stdout().contains("execution: trial-parallel, 2 trials at once"), s.toString());

            List<Path> trialFiles;
            try (Stream<Path> files = Files.list(out.resolve("trials"))) {
                trialFiles = files.filter(p -> p.getFileName().toString().endsWith(".json")
                        && !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
            assertEquals(24, trialFiles.size(), trialFiles.toString());
            ObjectMapper json = new ObjectMapper();
            for (Path f : trialFiles) {
                JsonNode t = json.readTree(f.toFile());
                assertEquals("ok", t.get("status").asText(), f + ": " + t);
                assertEquals("trial-parallel", t.get("execution").asText(), f + ": " + t);
            }
            // header + one row per activation, each of its 4 trials finished and none failed
            List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
            assertEquals(7, summary.size(), String.join("\n", summary));
            for (String row : summary.subList(1, summary.size())) {
                assertTrue(row.contains(",4,0,learning_rate="), "4 trials, 0 failed, best setting: " + row);
            }
            assertTrue(Files.size(out.resolve("report.html")) > 0, "empty " + out.resolve("report.html"));

            // the event log: every trial's task succeeded on one of the 2 executors, and both executors ran trials
            Map<String, Set<String>> executorsByTrial = trialExecutors(events);
            assertEquals(24, executorsByTrial.size(), executorsByTrial.toString());
            Set<String> executors = new TreeSet<>();
            executorsByTrial.values().forEach(executors::addAll);
            assertEquals(Set.of("0", "1"), executors, executorsByTrial.toString());
            for (Map.Entry<String, Set<String>> e : executorsByTrial.entrySet()) {
                assertEquals(1, e.getValue().size(), "one successful task per trial: " + e);
            }
        } finally {
            AeronFiles.deleteTree(out);
            AeronFiles.deleteTree(events);
        }
    }

    @Test
    @Order(5)
    void executorsGotTheAeronFlagFromTheJobItself() throws Exception {
        // no test passed spark.executor.extraJavaOptions: SparkSessions → SparkSetup.configure put it there
        List<String> launches = executorLaunchCommands();
        assertFalse(launches.isEmpty(), "no executor launch command in the worker logs of " + cluster.stateDir());
        for (String cmd : launches) {
            assertTrue(cmd.contains(AERON_FLAG), "an executor started without " + AERON_FLAG + ": " + cmd);
        }
    }

    @Test
    @Order(6)
    void closeLeavesNoJvmWorkDirOrAeronFile() throws Exception {
        Set<Path> aeronBefore = Set.copyOf(AeronFiles.list());
        Path work = cluster.workDir();
        cluster.close();
        assertEquals(List.of(), cluster.liveProcesses(), "JVMs of the cluster still alive");
        List<String> javaChildren = ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).collect(Collectors.toList());
        assertEquals(List.of(), javaChildren, "child JVMs left");
        assertFalse(Files.exists(work), work + " still exists");
        assertTrue(aeronBefore.containsAll(AeronFiles.list()), "new /dev/shm/aeron-* entries after close");
    }

    private static void trainAndCheck(String master, String modelType) throws Exception {
        Path out = STATE.resolve("out-" + master);
        long t0 = System.nanoTime();
        StandaloneCluster.Submission s = cluster.submit(List.of("spark.ui.enabled=false", "spark.cores.max=2",
                        // both executors registered before the first job, so both take part in training
                        "spark.scheduler.minRegisteredResourcesRatio=1.0",
                        "spark.scheduler.maxRegisteredResourcesWaitingTime=120s"),
                APP_JAR.toString(), "io.sparkact.jobs.cli.Main", trainArgs(master, modelType, out),
                Duration.ofMinutes(4));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, s.exitCode(), s.toString());
        assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")), "no _SUCCESS in " + out + "\n" + s);
        assertTrue(Files.isRegularFile(out.resolve("model/model.zip")), "no model/model.zip in " + out);
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(modelType, m.get("model").asText(), m.toString());
        double auc = m.get("auc").asDouble();
        double oracleAuc = oracle.get("auc").asDouble();
        System.out.printf(Locale.ROOT, "TrainClusterIT %s %s: AUC %.4f (oracle %.4f, gap %.4f), train %.1f s, submit %.1f s%n",
                master, modelType, auc, oracleAuc, oracleAuc - auc, m.get("train_seconds").asDouble(), seconds);
        assertTrue(oracleAuc - auc <= MAX_AUC_GAP, String.format(Locale.ROOT,
                "%s: AUC %.4f is more than %.2f below the oracle's %.4f; epochs: %s", master, auc, MAX_AUC_GAP,
                oracleAuc, m.get("epochs")));
        assertTrue(auc <= oracleAuc + 0.02, "AUC " + auc + " above the oracle's " + oracleAuc + ": a leak?");
        assertEquals(EPOCHS, m.get("epochs").size(), "epochs in metrics.json: " + m.get("epochs"));
        // every generated row is read and used, none quarantined (the generator writes no bad rows)
        JsonNode rows = m.get("rows");
        assertEquals(ROWS, rows.get("read").asLong(), rows.toString());
        assertEquals(ROWS, rows.get("used").asLong(), rows.toString());
        assertEquals(0, rows.get("quarantined").asLong(), rows.toString());
        // health: 2 hidden layers per epoch, and the workers' gradient norms reached the driver in every epoch
        // (under sharing, later epochs are fitted by the network and listener of the first epoch's task)
        JsonNode health = m.get("health");
        assertEquals(2 * EPOCHS, health.size(), "health in metrics.json: " + health);
        for (JsonNode h : health) {
            assertTrue(h.get("grad_norm").isNumber() && h.get("grad_norm").asDouble() > 0, master + ": " + h);
            assertTrue(h.get("saturated_fraction").isNumber(), master + ": " + h);
        }
    }


    private static List<String> trainArgs(String master, String modelType, Path out) {
        List<String> a = new ArrayList<>(List.of("train"));
        for (String kv : List.of("input.train=" + DATA.resolve("train"), "input.valid=" + DATA.resolve("valid"),
                "input.schema.numeric=I1,I2,I3", "input.schema.categorical=C1,C2,C3", "features.hash_buckets=1000",
                "model.hidden=32,16", "model.embedding_dim=8", "training.epochs=" + EPOCHS,
                "training.batch_size=128", "training.learning_rate=0.01", "training.master=" + master,
                "model.type=" + modelType, "output=" + out)) {
            a.add("--set");
            a.add(kv);
        }
        return a;
    }

    /**
     * From the one event log in {@code dir}: for every job whose description starts with "sweep trial " (the
     * trial's id and label follow), the executor IDs of its successful tasks ("driver" would be the driver's).
     */
    private static Map<String, Set<String>> trialExecutors(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.toList();
        }
        assertEquals(1, logs.size(), "event logs: " + logs);
        ObjectMapper json = new ObjectMapper();
        Map<Long, String> trialByStage = new HashMap<>();
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : Files.readAllLines(logs.get(0))) {
            JsonNode e = json.readTree(line);
            String event = e.path("Event").asText();
            if (event.equals("SparkListenerJobStart")) {
                String description = e.path("Properties").path("spark.job.description").asText("");
                if (description.startsWith("sweep trial ")) {
                    out.put(description, new TreeSet<>());
                    for (JsonNode stage : e.path("Stage IDs")) {
                        trialByStage.put(stage.asLong(), description);
                    }
                }
            } else if (event.equals("SparkListenerTaskEnd")) {
                String trial = trialByStage.get(e.path("Stage ID").asLong());
                if (trial != null && e.path("Task End Reason").path("Reason").asText().equals("Success")) {
                    out.get(trial).add(e.path("Task Info").path("Executor ID").asText());
                }
            }
        }
        return out;
    }

    /** The executor command lines the workers logged ("Launch command: ..."). */
    private static List<String> executorLaunchCommands() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> logs = Files.list(cluster.stateDir().resolve("logs"))) {
            for (Path log : (Iterable<Path>) logs.filter(p -> p.getFileName().toString().startsWith("worker-"))::iterator) {
                for (String line : Files.readAllLines(log)) {
                    Matcher matcher = LAUNCH.matcher(line);
                    if (matcher.find() && line.contains("CoarseGrainedExecutorBackend")) {
                        out.add(matcher.group(1));
                    }
                }
            }
        }
        return out;
    }
}
