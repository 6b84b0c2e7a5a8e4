package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkact.jobs.faults.ChildJob;
import io.sparkact.jobs.faults.FaultData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM of the standalone cluster SIGKILLed (by PID) in the middle of {@code train}'s second epoch, once per
 * training master, each on a fresh cluster of 2 one-core workers (the killed worker's executor goes with it:
 * its WorkerWatcher ends it when the worker's RPC endpoint disappears).
 *
 * <p>Averaging must survive: the lost tasks are run again on the other executor (spark.task.maxFailures=4; an
 * executor lost is not even counted as a task failure), the cached minibatches of the lost executor are recomputed
 * from their lineage, and because every averaging round starts from the broadcast parameters a re-run task computes
 * what the lost one would have. The number of workers the averaging assumes is fixed when the run starts, so the
 * epochs after the loss average as before. The job must finish within 0.01 AUC of a fault-free run with the same
 * seed, made at the same time by {@code bin/sparkact} on local[2] (same 2 workers, same splits, same data
 * partitions: the same computation without the fault).
 *
 * <p>Sharing: what SharedTrainingMaster does when an executor disappears is measured and asserted by
 * {@link #sharingAfterAWorkerKill}; see its comment.
 */
class WorkerKillIT {

    static final Path STATE = StandaloneCluster.ROOT.resolve("jobs/target/it-clusters/worker-kill-it");
    static final Path APP_JAR = StandaloneCluster.ROOT.resolve("jobs/target/sparkact-jobs.jar");
    static final Path DATA = STATE.resolve("data");
    static final int EPOCHS = 3;
    static final ObjectMapper JSON = new ObjectMapper();

    static AeronFiles aeron;

    @BeforeAll
    static void generate() throws Exception {
        AeronFiles.deleteTree(STATE);
        Files.createDirectories(STATE);
        aeron = AeronFiles.snapshot();
        FaultData.generate(DATA, 4_000);
    }

    @AfterAll
    static void clean() {
        aeron.removeNew(); // the local reference runs' media drivers (the clusters remove their own)
    }

    /** What a run on the cluster with a worker killed did, and the fault-free reference's metrics. */
    record Outcome(StandaloneCluster.Submission submission, Path out, JsonNode reference, long killedWorker,
                   double killedAfterSeconds) {
    }

    @Test
    void averagingSurvivesAWorkerKilledMidEpoch() throws Exception {
        Outcome o = runWithWorkerKilled("averaging");
        assertEquals(0, o.submission().exitCode(), o.submission().toString());
        JsonNode m = JSON.readTree(o.out().resolve("metrics.json").toFile());
        double auc = m.get("auc").asDouble();
        double ref = o.reference().get("auc").asDouble();
        System.out.printf(Locale.ROOT, "WorkerKillIT averaging: AUC %.4f with worker %d killed, %.4f fault-free "
                + "(difference %.4f)%n", auc, o.killedWorker(), ref, auc - ref);
        assertEquals(ref, auc, 0.01, "with the kill " + m.get("epochs") + "\nfault-free " + o.reference().get("epochs"));
        assertEquals(EPOCHS, m.get("epochs").size());
        assertTrue(Files.exists(o.out().resolve("_SUCCESS")));
        // the rows: none lost with the executor
        assertEquals(4_000, m.get("rows").get("used").asLong(), m.get("rows").toString());
    }

    /**
     * Sharing cannot survive the loss (its workers form one Aeron mesh for the whole run; ExecutorLossGuard), so it
     * must fail with exit 1 naming the executor, leave no result, keep the complete epochs' checkpoints, and the same
     * command again must resume from them. Where the kill lands decides which epoch is the last complete one: during
     * epoch 2's fit ("lost ... in epoch 2", resume after epoch 1) or, when that fit was already over, during its
     * evaluation ("lost ... after epoch 2", resume after epoch 2; a CI run once went on there to a third epoch that
     * learned nothing, AUC 0.49, and exited 0 — the guard now stops it). Should a later DL4J survive the loss, the
     * model must instead be as good as the fault-free run's.
     */
    @Test
    void sharingAfterAWorkerKill() throws Exception {
        Outcome o = runWithWorkerKilled("sharing");
        String err = o.submission().stderr();
        boolean finished = Files.exists(o.out().resolve("_SUCCESS"));
        System.out.printf(Locale.ROOT, "WorkerKillIT sharing: exit %d, _SUCCESS %s%n", o.submission().exitCode(), finished);
        if (o.submission().exitCode() == 0) {
            JsonNode m = JSON.readTree(o.out().resolve("metrics.json").toFile());
            double auc = m.get("auc").asDouble();
            double ref = o.reference().get("auc").asDouble();
            System.out.printf(Locale.ROOT, "WorkerKillIT sharing: AUC %.4f with the kill, %.4f fault-free%n", auc, ref);
            assertEquals(ref, auc, 0.01, "sharing finished but its model is off: " + m.get("epochs"));
        } else {
            System.out.println("WorkerKillIT sharing: failed with: " + err.lines().filter(l -> l.startsWith("sparkact "))
                    .findFirst().orElse(ChildJob.tail(err, 5)));
            assertEquals(1, o.submission().exitCode(), o.submission().toString());
            // the message must say what happened and what to do, not only that a Spark job was cancelled
            Matcher said = Pattern.compile("gradient sharing lost executor \\S+ \\(.*?\\) (in|after) epoch (\\d+)")
                    .matcher(err);
            assertTrue(said.find(), "the failure does not name the lost executor: " + ChildJob.tail(err, 20));
            int lastComplete = Integer.parseInt(said.group(2)) - (said.group(1).equals("in") ? 1 : 0);
            assertTrue(lastComplete >= 1 && lastComplete < EPOCHS, "killed after checkpoint 1, yet: " + said.group());
            assertTrue(err.contains("Rerun the same command to resume after epoch " + lastComplete),
                    "the failure does not say what to do: " + ChildJob.tail(err, 20));
            for (String f : List.of("_SUCCESS", "model", "metrics.json")) {
                assertFalse(Files.exists(o.out().resolve(f)), f + " exists after a failed run");
            }
            assertTrue(Files.isDirectory(o.out().resolve(String.format(Locale.ROOT, "_checkpoints/epoch-%04d",
                    lastComplete))), "epoch " + lastComplete + "'s checkpoint is gone");
            // What the message promises: the same command again (here on local[2]: the cluster is gone, and the
            // master URL is not part of the run's fingerprint) resumes after that epoch and finishes.
            try (ChildJob rerun = ChildJob.start(o.out().getParent(), "rerun", referenceArgs("sharing", o.out()))) {
                assertEquals(0, rerun.await(Duration.ofMinutes(6)), rerun.toString());
                String out = rerun.stdout() + rerun.stderr();
                assertTrue(out.contains("resuming after epoch " + lastComplete + " of " + EPOCHS), ChildJob.tail(out, 20));
            }
            JsonNode m = JSON.readTree(o.out().resolve("metrics.json").toFile());
            double auc = m.get("auc").asDouble();
            double ref = o.reference().get("auc").asDouble();
            System.out.printf(Locale.ROOT, "WorkerKillIT sharing: resumed on local[2]: AUC %.4f, fault-free %.4f%n", auc, ref);
            assertEquals(EPOCHS, m.get("epochs").size());
            // nothing of the complete epochs was lost: the resumed run's records of them are the killed run's, as
            // printed then
            double epoch1 = Double.NaN;
            for (int e = 1; e <= lastComplete; e++) {
                Matcher printed = Pattern.compile("epoch " + e + ": .*val_auc (\\d\\.\\d{5})").matcher(err);
                assertTrue(printed.find(), "the killed run printed no epoch " + e + ": " + ChildJob.tail(err, 20));
                double val = Double.parseDouble(printed.group(1));
                assertEquals(val, m.get("epochs").get(e - 1).get("val_auc").asDouble(), 5e-6, "epoch " + e);
                epoch1 = e == 1 ? val : epoch1;
            }
            // Not "within 0.01 of the fault-free run": gradient sharing is not deterministic, and on these 4,000 rows
            // its AUC after 3 epochs is still climbing steeply (fault-free: 0.44, 0.64, 0.75 by epoch, with a loss
            // spike in epoch 2), so a 0.01 bar would measure that noise rather than the resume (measured four
            // times: resumed 0.700, 0.738, 0.729, and 0.654 in a CI run; fault-free 0.747, 0.746, 0.736, 0.717).
            // The bar is that the resumed epochs learned: above chance, and well above the model of epoch 1 (whose
            // AUC is 0.41-0.44 on this data).
            assertTrue(auc > Math.max(0.55, epoch1 + 0.1), "the resumed run did not learn: " + m.get("epochs"));
            assertEquals(4_000, m.get("rows").get("used").asLong(), m.get("rows").toString());
            assertTrue(Files.exists(o.out().resolve("_SUCCESS")));
        }
    }

    /**
     * Starts a 2-worker cluster and the local fault-free reference, submits {@code train} with {@code master}, kills
     * the second worker 0.2 s after the run's first checkpoint appears (epoch 2 has just begun), and waits for both.
     */
    private static Outcome runWithWorkerKilled(String master) throws Exception {
        Path dir = STATE.resolve(master);
        Files.createDirectories(dir);
        Path out = dir.resolve("out");
        // Two gradient-sharing JVMs at once on one host hang (measured: the cluster run made no progress in 5 min
        // while a local sharing run went on): the sharing reference runs after the cluster run, averaging's alongside.
        boolean concurrent = master.equals("averaging");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, 1, "1g",
                Duration.ofSeconds(120));
             ChildJob reference = concurrent ? ChildJob.start(dir, "reference", referenceArgs(master,
                     dir.resolve("reference"))) : null) {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(FaultData.trainSets(DATA, EPOCHS, master));
            args.addAll(List.of("--set", "output=" + out));
            CompletableFuture<StandaloneCluster.Submission> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return cluster.submit(List.of("spark.ui.enabled=false", "spark.cores.max=2",
                                    "spark.task.maxFailures=4", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                                    "spark.scheduler.maxRegisteredResourcesWaitingTime=120s"),
                            APP_JAR.toString(), "io.sparkact.jobs.cli.Main", args, Duration.ofMinutes(6));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Path cp1 = out.resolve("_checkpoints/epoch-0001");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.isDirectory(cp1) && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.isDirectory(cp1), "no first checkpoint; the run: " + (run.isDone() ? run.join() : "still on"));
            long t0 = System.nanoTime();
            Thread.sleep(200);
            ProcessHandle worker = cluster.daemons().stream()
                    .filter(h -> h.info().commandLine().orElse("").contains("org.apache.spark.deploy.worker.Worker"))
                    .reduce((a, b) -> b).orElseThrow();
            worker.destroyForcibly();
            worker.onExit().get(30, TimeUnit.SECONDS);
            double after = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "WorkerKillIT %s: SIGKILL to worker PID %d %.1f s after checkpoint 1%n",
                    master, worker.pid(), after);
            StandaloneCluster.Submission s = run.get(7, TimeUnit.MINUTES);
            if (!concurrent) {
                cluster.close();
            }
            try (ChildJob ref = concurrent ? reference : ChildJob.start(dir, "reference", referenceArgs(master,
                    dir.resolve("reference")))) {
                assertEquals(0, ref.await(Duration.ofMinutes(6)), ref.toString());
            }
            JsonNode ref = JSON.readTree(dir.resolve("reference/metrics.json").toFile());
            return new Outcome(s, out, ref, worker.pid(), after);
        }
    }

    private static List<String> referenceArgs(String master, Path out) {
        List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        a.addAll(FaultData.trainSets(DATA, EPOCHS, master));
        a.addAll(List.of("--set", "output=" + out));
        return a;
    }
}
