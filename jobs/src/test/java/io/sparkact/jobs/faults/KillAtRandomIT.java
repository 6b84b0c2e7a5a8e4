package io.sparkact.jobs.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep} and {@code retrain} (bin/sparkact, local[2]) SIGKILLed at moments drawn from seeded RNGs (seeds
 * and moments printed), each kill followed by a check of what it left, and a final rerun that must complete.
 *
 * <p>The moments are uniform over 10-90% of an uninterrupted run's measured wall time (the first run: a cold
 * start; later warm retrains are shorter), so most land in
 * reading, encoding or training and few in the short commit windows; the windows themselves (between staging and
 * publishing, between the alias and the decision) are covered deterministically by the registry's crash hooks in
 * ModelRegistryTest and RegistryHdfsIT. Whatever the moment, the promises hold: a sweep's trial files are whole
 * (each one a finished trial with the results an uninterrupted sweep gets), and a rerun runs exactly the trials
 * without one; a registry shows only whole versions, the alias names one, decisions exist only for actions that
 * happened ({@link RegistryInvariants}).
 */
class KillAtRandomIT {

    static final long[] SEEDS = {11, 12, 13};
    static final ObjectMapper JSON = new ObjectMapper();
    static Path data;

    @BeforeAll
    static void generate(@TempDir Path dir) {
        data = dir.resolve("data");
        FaultData.generate(data, 4_000);
    }

    @Test
    void sweepKilledAtRandomKeepsWholeTrialsAndARerunCompletesThem(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        long t0 = System.nanoTime();
        run(dir, "sweep-reference", sweep(reference));
        double full = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> expected = trialAucs(reference);
        assertEquals(4, expected.size(), expected.toString());

        Path out = dir.resolve("sweep");
        for (long seed : SEEDS) {
            killAtRandom(dir, "sweep-" + seed, sweep(out), seed, full);
            Map<String, Double> kept = trialAucs(out); // parses every file: a half-written one would throw
            System.out.printf(Locale.ROOT, "KillAtRandomIT sweep seed %d: %d trial files kept%n", seed, kept.size());
            kept.forEach((id, auc) -> assertEquals(expected.get(id), auc, 1e-9, "trial " + id + " differs from the "
                    + "uninterrupted sweep's"));
        }
        int done = trialAucs(out).size();
        ChildJob rerun = run(dir, "sweep-rerun", sweep(out));
        assertTrue(rerun.stdout().contains("sweep: 4 trials (grid), " + done + " already done, " + (4 - done)
                + " to run"), rerun.toString());
        assertEquals(expected, trialAucs(out));
        assertTrue(Files.exists(out.resolve("best.conf")) && Files.exists(out.resolve("summary.csv")));
    }

    @Test
    void retrainKilledAtRandomKeepsTheRegistryConsistentAndARerunCompletes(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("registry");
        Path base = root.resolve("ctr");
        long t0 = System.nanoTime();
        run(dir, "retrain-1", retrain(root));
        double full = (System.nanoTime() - t0) / 1e9;
        assertEquals(new TreeSet<>(List.of(1)), RegistryInvariants.check(base));

        for (long seed : SEEDS) {
            killAtRandom(dir, "retrain-" + seed, retrain(root), seed, full);
            TreeSet<Integer> versions = RegistryInvariants.check(base);
            System.out.printf(Locale.ROOT, "KillAtRandomIT retrain seed %d: versions %s, claims %s, champion %s%n",
                    seed, versions, RegistryInvariants.names(base.resolve("claims")),
                    Files.exists(base.resolve("aliases/champion")) ? Files.readString(base.resolve("aliases/champion")).trim() : "-");
        }
        TreeSet<String> claims = RegistryInvariants.names(base.resolve("claims"));
        ChildJob rerun = run(dir, "retrain-rerun", retrain(root));
        TreeSet<Integer> versions = RegistryInvariants.check(base);
        // the rerun took the number after every claim, killed runs' included (a burnt number is never reused)
        int expected = claims.stream().mapToInt(Integer::parseInt).max().orElse(0) + 1;
        assertEquals(expected, versions.last(), "claims before the rerun: " + claims + "\n" + rerun);
        assertTrue(Files.exists(base.resolve("decisions/" + expected + ".json")), rerun.toString());
    }

    /** Runs a job to its end and requires exit 0. */
    private static ChildJob run(Path dir, String name, List<String> args) throws Exception {
        try (ChildJob j = ChildJob.start(dir, name, args)) {
            assertEquals(0, j.await(Duration.ofMinutes(5)), j.toString());
            return j;
        }
    }

    /** Starts the job and SIGKILLs it after a moment drawn with {@code seed}, unless it ends first. */
    private static void killAtRandom(Path dir, String name, List<String> args, long seed, double fullSeconds)
            throws Exception {
        // SplittableRandom, not Random: Random's first double barely changes between neighbouring seeds (11 and 12
        // both gave 0.78), so every seed killed at the same moment
        double at = fullSeconds * (0.1 + 0.8 * new SplittableRandom(seed).nextDouble());
        try (ChildJob j = ChildJob.start(dir, name, args)) {
            long deadline = System.nanoTime() + (long) (at * 1e9);
            while (j.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            boolean alive = j.isAlive();
            if (alive) {
                j.kill();
            }
            System.out.printf(Locale.ROOT, "KillAtRandomIT %s: seed %d, kill at %.1f s of an uninterrupted %.1f s: %s%n",
                    name, seed, at, fullSeconds, alive ? "killed" : "it had already ended");
        }
    }

    private static List<String> sweep(Path out) {
        List<String> a = new ArrayList<>(List.of("sweep", "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        a.addAll(FaultData.trainSets(data, 1, "averaging"));
        for (String kv : List.of("output=" + out, "model.hidden=16", "sweep.activations=relu,tanh", "sweep.seeds=1,2",
                "sweep.execution=trial-parallel")) {
            a.add("--set");
            a.add(kv);
        }
        return a;
    }

    private static List<String> retrain(Path root) {
        List<String> a = new ArrayList<>(List.of("retrain", "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        a.addAll(FaultData.trainSets(data, 2, "averaging"));
        // a wide calibration range: versions get promoted, so kills can land between alias and decision
        for (String kv : List.of("registry.root=" + root, "registry.keep=100", "gate.calibration_range=0.5,2.0",
                "gate.auc_tolerance=0.05", "gate.logloss_tolerance=0.05")) {
            a.add("--set");
            a.add(kv);
        }
        return a;
    }

    /** Trial id → AUC of every trial file of a sweep output (each must parse and be a finished trial). */
    private static Map<String, Double> trialAucs(Path out) throws IOException {
        Map<String, Double> aucs = new TreeMap<>();
        for (String name : RegistryInvariants.names(out.resolve("trials"))) {
            if (!name.endsWith(".json") || name.startsWith(".")) {
                continue;
            }
            JsonNode t = JSON.readTree(out.resolve("trials").resolve(name).toFile());
            assertEquals(name.substring(0, name.length() - 5), t.get("trial_id").asText());
            assertEquals("ok", t.get("status").asText(), name + ": " + t);
            aucs.put(t.get("trial_id").asText(), t.get("metrics").get("auc").asDouble());
        }
        return aucs;
    }
}
