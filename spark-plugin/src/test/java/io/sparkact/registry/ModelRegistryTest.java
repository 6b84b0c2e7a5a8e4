package io.sparkact.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.train.TrainOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's protocol on the local file system: allocation, publish, alias, retention, rollback, crash. */
class ModelRegistryTest {

    @TempDir
    Path root;

    private ModelRegistry registry() throws IOException {
        return ModelRegistry.open(root.toString(), "ctr", new Configuration());
    }

    /** The smallest manifest ModelFiles accepts: this format version and model.zip's sha256. */
    private static Map<String, Object> manifest(byte[] model) {
        return Map.of("format_version", TrainOutput.FORMAT_VERSION, "sha256", TrainOutput.sha256(model));
    }

    /** Allocates, stages and publishes a version whose model.zip holds {@code content}. */
    private static int publish(ModelRegistry r, String content) throws IOException {
        int n = r.allocate();
        byte[] model = content.getBytes(StandardCharsets.UTF_8);
        r.publish(r.stage(n, model, manifest(model), Map.of("auc", 0.5)));
        return n;
    }

    @Test
    void racingThreadsNeverShareAVersionNumber() throws Exception {
        int threads = 8;
        int each = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    ModelRegistry r = registry(); // each "run" has its own registry object, as separate jobs would
                    start.await();
                    List<Integer> got = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        got.add(r.allocate());
                    }
                    return got;
                }));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : futures) {
                all.addAll(f.get());
            }
            Collections.sort(all);
            // every number taken exactly once, and no gaps since no run died
            assertEquals(IntStream.rangeClosed(1, threads * each).boxed().toList(), all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publishedVersionsAreCompleteAndAllocationSkipsBurnedNumbers() throws IOException {
        ModelRegistry r = registry();
        assertEquals(1, publish(r, "m1"));
        assertEquals(2, r.allocate()); // a run that died after taking 2
        assertEquals(3, publish(r, "m3"));
        assertEquals(List.of(1, 3), r.versions());
        Path v3 = root.resolve("ctr/versions/3");
        assertEquals(List.of("_SUCCESS", "manifest.json", "metrics.json", "model.zip"), names(v3));
        assertEquals("m3", Files.readString(v3.resolve("model.zip")));
        assertEquals(List.of(), names(root.resolve("ctr/_staging")));
    }

    @Test
    void championAliasIsReplacedAndLeavesNoTemporaryFile() throws IOException {
        ModelRegistry r = registry();
        assertEquals(OptionalInt.empty(), r.champion());
        publish(r, "a");
        publish(r, "b");
        r.setChampion(1);
        assertEquals(OptionalInt.of(1), r.champion());
        r.setChampion(2);
        assertEquals(OptionalInt.of(2), r.champion());
        assertEquals("2\n", Files.readString(root.resolve("ctr/aliases/champion")));
        assertEquals(List.of("champion"), names(root.resolve("ctr/aliases")));
    }

    @Test
    void retentionKeepsTheNewestAndTheChampion() throws IOException {
        ModelRegistry r = registry();
        for (int i = 1; i <= 5; i++) {
            publish(r, "m" + i);
        }
        r.setChampion(1);
        assertEquals(List.of(2, 3), r.retain(2));
        assertEquals(List.of(1, 4, 5), r.versions());
        assertEquals(List.of("1", "4", "5"), names(root.resolve("ctr/versions")));
        assertEquals(List.of(), names(root.resolve("ctr/_trash")));
        assertEquals(List.of(), r.retain(2)); // nothing more to delete: 1 is the champion
        assertEquals(6, r.allocate()); // claims outlive deleted versions: numbers are never reused
        assertEquals("registry.keep given invalid value 0; allowed: >= 1",
                assertThrows(IllegalArgumentException.class, () -> r.retain(0)).getMessage());
    }

    @Test
    void retentionDeletesTheQuarantineOfDeletedVersionsOnly() throws IOException {
        ModelRegistry r = registry();
        for (int i = 1; i <= 4; i++) {
            publish(r, "m" + i);
            // what RetrainRun leaves: quarantine/N/{train,valid}/ with JSON-lines part files
            Path q = Files.createDirectories(root.resolve("ctr/quarantine/" + i + "/train"));
            Files.writeString(q.resolve("part-00000.txt"), "{\"reason\":\"bad_label\"}\n");
        }
        r.setChampion(1);
        assertEquals(List.of(2), r.retain(2));
        assertEquals(List.of("1", "3", "4"), names(root.resolve("ctr/quarantine")));
        assertTrue(Files.exists(root.resolve("ctr/quarantine/3/train/part-00000.txt")));
        r.setChampion(4);
        assertEquals(List.of(1), r.retain(2)); // the old champion, once it is no longer one
        assertEquals(List.of("3", "4"), names(root.resolve("ctr/quarantine")));
    }

    @Test
    void aDecisionIsWrittenOnlyAfterItsAliasMove() throws IOException {
        ModelRegistry r = registry();
        publish(r, "a");
        r.recordOutcome(1, true, Map.of("action", "promote"));
        assertEquals(OptionalInt.of(1), r.champion());
        publish(r, "b");
        System.setProperty(ModelRegistry.CRASH_BEFORE_DECISION, "true");
        try {
            assertThrows(ModelRegistry.SimulatedCrash.class, () -> r.recordOutcome(2, true, Map.of("action", "promote")));
        } finally {
            System.clearProperty(ModelRegistry.CRASH_BEFORE_DECISION);
        }
        // killed between the two steps: the alias moved, and no decision claims anything that did not happen
        assertEquals(OptionalInt.of(2), r.champion());
        assertEquals(List.of("1.json"), names(root.resolve("ctr/decisions")));
        // a rejection moves nothing and is recorded
        publish(r, "c");
        r.recordOutcome(3, false, Map.of("action", "reject"));
        assertEquals(OptionalInt.of(2), r.champion());
        assertEquals(List.of("1.json", "3.json"), names(root.resolve("ctr/decisions")));
        assertTrue(Files.readString(root.resolve("ctr/decisions/3.json")).contains("\"reject\""));
    }

    @Test
    void rollbackMovesTheAliasAndRecordsADecision() throws IOException {
        ModelRegistry r = registry();
        publish(r, "a");
        publish(r, "b");
        r.setChampion(2);
        Map<String, Object> d = r.rollback(1, "test");
        assertEquals(OptionalInt.of(1), r.champion());
        assertEquals(2, d.get("champion_before"));
        List<String> decisions = names(root.resolve("ctr/decisions"));
        assertEquals(1, decisions.size());
        assertTrue(decisions.get(0).matches("rollback-[0-9]+-to-1\\.json"), decisions.toString());
    }

    @Test
    void rollbackToAMissingVersionIsRefusedAndTheAliasStays() throws IOException {
        ModelRegistry r = registry();
        publish(r, "a");
        r.setChampion(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.rollback(7, "test"));
        assertEquals("registry " + r.layout().base() + " has no version 7; complete versions: [1]", e.getMessage());
        assertEquals(OptionalInt.of(1), r.champion());
    }

    @Test
    void rollbackToAnIncompleteVersionIsRefusedAndTheAliasStays() throws IOException {
        ModelRegistry r = registry();
        publish(r, "a");
        r.setChampion(1);
        Path broken = Files.createDirectories(root.resolve("ctr/versions/2"));
        Files.writeString(broken.resolve("model.zip"), "half"); // e.g. copied in by hand, no _SUCCESS
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.rollback(2, "test"));
        assertEquals("version 2 of registry " + r.layout().base() + " is incomplete (no _SUCCESS, model.zip or "
                + "manifest.json in " + r.layout().version(2) + "); it cannot become the champion", e.getMessage());
        assertEquals(OptionalInt.of(1), r.champion());
        assertEquals(List.of(1), r.versions());
    }

    @Test
    void aCrashAfterStagingLeavesNoVisibleVersion() throws IOException {
        ModelRegistry r = registry();
        publish(r, "a");
        r.setChampion(1);
        int n = r.allocate();
        byte[] model = "b".getBytes(StandardCharsets.UTF_8);
        ModelRegistry.Staged staged = r.stage(n, model, manifest(model), Map.of());
        System.setProperty(ModelRegistry.CRASH_AFTER_STAGING, "true");
        try {
            assertThrows(ModelRegistry.SimulatedCrash.class, () -> r.publish(staged));
        } finally {
            System.clearProperty(ModelRegistry.CRASH_AFTER_STAGING);
        }
        assertEquals(List.of(1), r.versions());
        assertEquals(List.of("1"), names(root.resolve("ctr/versions")));
        assertEquals(OptionalInt.of(1), r.champion());
        assertEquals(1, names(root.resolve("ctr/_staging")).size()); // what a kill leaves, hidden
        r.cleanStaging();
        assertFalse(Files.exists(root.resolve("ctr/_staging")));
        assertEquals(3, publish(r, "c"));
    }

    @Test
    void aTamperedModelIsRefusedNamingTheFile() throws IOException {
        ModelRegistry r = registry();
        publish(r, "good");
        ModelFiles files = r.files(1);
        Map<String, Object> manifest = files.readManifest(new Configuration());
        assertEquals("good", new String(files.verifiedBytes(new Configuration(), manifest), StandardCharsets.UTF_8));
        Files.writeString(root.resolve("ctr/versions/1/model.zip"), "evil");
        IOException e = assertThrows(IOException.class, () -> files.verifiedBytes(new Configuration(), manifest));
        assertEquals(files.model() + " does not match its manifest " + files.manifest() + ": sha256 "
                + TrainOutput.sha256("evil".getBytes(StandardCharsets.UTF_8)) + ", manifest says "
                + TrainOutput.sha256("good".getBytes(StandardCharsets.UTF_8))
                + "; the file was changed or damaged, refusing to load it", e.getMessage());
    }

    @Test
    void badNamesAreRejected() {
        assertEquals("registry.name given invalid value '../x'; allowed: letters, digits, '.', '_' and '-', "
                + "starting with a letter or digit", assertThrows(IllegalArgumentException.class,
                        () -> ModelRegistry.open(root.toString(), "../x", new Configuration())).getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
