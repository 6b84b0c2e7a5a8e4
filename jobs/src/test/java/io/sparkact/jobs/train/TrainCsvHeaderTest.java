package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: CSV with a header and Criteo-style columns trains from conf/csv-criteo-header.conf alone (plus
 * paths and a small model on the command line), in-process through {@link Main#run} on local[2].
 */
class TrainCsvHeaderTest {

    private static LocalSpark spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The arguments of a small, quick model; the rule (C1's group) needs only C1's embedding. */
    static String[] smallModel() {
        return new String[] {"--set", "model.hidden=16,8", "--set", "model.embedding_dim=4",
                "--set", "features.hash_buckets=1000", "--set", "training.epochs=2",
                "--set", "training.batch_size=64", "--set", "training.learning_rate=0.01"};
    }

    static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void csvWithHeaderTrainsFromTheSchemaConfig(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        // train/ holds two files; the second lists the columns in reverse order, so each is read by its header.
        CriteoCsv train1 = new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 1500);
        CriteoCsv train2 = new CriteoCsv(CriteoCsv.reversed()).addGood(r, 1500);
        CriteoCsv valid = new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 1000);
        train1.writeTo(dir.resolve("train/part-0.csv"));
        train2.writeTo(dir.resolve("train/part-1.csv"));
        valid.writeTo(dir.resolve("valid/valid.csv"));
        Path out = dir.resolve("run");

        CliRunner.Result res = CliRunner.run(concat(new String[] {"train",
                "--config", TrainFiles.repoRoot().resolve("conf/csv-criteo-header.conf").toString(),
                "--set", "input.train=" + dir.resolve("train"), "--set", "input.valid=" + dir.resolve("valid"),
                "--set", "output=" + out}, smallModel()));

        assertEquals(Main.OK, res.code, res.toString());
        System.out.print("csv-criteo-header: " + res.out); // the job's one-line summary, for the build log
        assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")), res.toString());
        assertTrue(Files.isRegularFile(out.resolve("model/model.zip")));
        Map<String, Object> metrics = TrainFiles.json(out.resolve("metrics.json"));
        assertEquals(Map.of("read", 4000L, "used", 4000L, "quarantined", 0L), TrainFiles.rows(metrics));
        assertEquals("relu", metrics.get("activation"));
        double auc = ((Number) metrics.get("auc")).doubleValue();
        // The rule is deterministic (oracle AUC 1); chance is 0.5.
        assertTrue(auc > 0.9, "AUC " + auc + " on a rule a model learns; " + res);
        // health: model.hidden=16,8 and 2 epochs → 4 records, the same in metrics.json and health.csv
        HealthFiles.check(out, 2, 2, "relu");
        assertEquals(0, TrainFiles.quarantine(out.resolve("quarantine/train")).size());
        assertEquals(0, TrainFiles.quarantine(out.resolve("quarantine/valid")).size());
        // The manifest records the schema the config gave (format csv, header, every column).
        Map<String, Object> manifest = TrainFiles.json(out.resolve("model/manifest.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) manifest.get("config");
        assertEquals("csv", config.get("input.format"));
        assertEquals(CriteoCsv.COLUMNS.subList(1, 14), config.get("input.schema.numeric"));
        assertEquals(CriteoCsv.COLUMNS.subList(14, 40), config.get("input.schema.categorical"));
    }
}
