package io.sparkact.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import io.sparkact.jobs.train.CriteoCsv;
import io.sparkact.jobs.train.LocalSpark;
import io.sparkact.jobs.train.TrainFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} on production-shaped input, i.e. without a label column: CSV (header without "label") and
 * Parquet (no label column, {@code input.schema.label} empty). Every good row comes out once with its id, and
 * its pctr equals the pctr of the same row scored from a CSV that still has a label column: the label never
 * reaches the encoder, so removing it must change nothing. Bad rows are quarantined with their reasons.
 */
class ScoreWithoutLabelTest {

    private static final int ROWS = 300;

    @TempDir
    static Path dir;

    private static LocalSpark spark;
    private static Path model;
    /** The scoring rows' fields in {@link CriteoCsv#COLUMNS} order (label first), index = row id number. */
    private static final List<String[]> rows = new ArrayList<>();

    @BeforeAll
    static void trainASmallModel() throws IOException {
        spark = LocalSpark.start();
        Random r = new Random(3);
        new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 1200).writeTo(dir.resolve("train/t.csv"));
        new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 400).writeTo(dir.resolve("valid/v.csv"));
        model = dir.resolve("model");
        CliRunner.Result res = CliRunner.run("train", "--config", conf(),
                "--set", "input.train=" + dir.resolve("train"), "--set", "input.valid=" + dir.resolve("valid"),
                "--set", "output=" + model, "--set", "model.hidden=16,8", "--set", "model.embedding_dim=4",
                "--set", "features.hash_buckets=1000", "--set", "training.epochs=1",
                "--set", "training.batch_size=64", "--set", "training.learning_rate=0.01");
        assertEquals(Main.OK, res.code, res.toString());
        for (int i = 0; i < ROWS; i++) {
            rows.add(CriteoCsv.goodRow(r));
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static String conf() {
        return TrainFiles.repoRoot().resolve("conf/csv-criteo-header.conf").toString();
    }

    /** A CSV of the scoring rows: {@code rid} then the columns from {@code from} on (0 = with the label). */
    private static Path csv(String name, int from, List<String> extraLines) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("rid," + String.join(",", CriteoCsv.COLUMNS.subList(from, CriteoCsv.COLUMNS.size())));
        for (int i = 0; i < ROWS; i++) {
            String[] f = rows.get(i);
            lines.add("r" + i + "," + String.join(",", Arrays.asList(f).subList(from, f.length)));
        }
        lines.addAll(extraLines);
        Path p = dir.resolve(name + "/part-0.csv");
        Files.createDirectories(p.getParent());
        return Files.write(p, lines, StandardCharsets.UTF_8);
    }

    /** Runs score and returns rid → pctr read back from OUTPUT/scores. */
    private static Map<String, Double> score(Path input, Path out, String... more) {
        // the default input.schema.* keys are Criteo's names, comma-separated with a header
        List<String> args = new ArrayList<>(List.of("score", "--set", "input.format=csv", "--set", "model=" + model,
                "--set", "input.path=" + input, "--set", "input.schema.id=rid", "--set", "input.max_bad_fraction=0.05",
                "--set", "output=" + out));
        args.addAll(List.of(more));
        CliRunner.Result res = CliRunner.run(args.toArray(new String[0]));
        assertEquals(Main.OK, res.code, res.toString());
        SparkSession s = SparkSession.active();
        List<Row> scored = s.read().parquet(out.resolve("scores").toString()).collectAsList();
        assertEquals(List.of("rid", "pctr"), List.of(scored.get(0).schema().fieldNames()));
        Map<String, Double> byId = new TreeMap<>();
        for (Row row : scored) {
            assertEquals(null, byId.put(row.getString(0), row.getDouble(1)), "rid " + row.getString(0) + " twice");
        }
        return byId;
    }

    private static void assertSamePctr(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            // same features, same model; only the batch a row lands in may differ, and with it the float
            // rounding of the matrix products: far below 1e-6 on a probability
            assertEquals(e.getValue(), actual.get(e.getKey()), 1e-6, e.getKey());
        }
    }

    @Test
    void csvAndParquetWithoutLabelScoreEveryGoodRowAsWithTheLabel() throws IOException {
        Map<String, Double> withLabel = score(csv("labeled", 0, List.of()), dir.resolve("out-labeled"));
        assertEquals(ROWS, withLabel.size());
        // a derivation that could fail: a model scoring every row alike would make every comparison pass
        assertTrue(new HashSet<>(withLabel.values()).size() > ROWS / 10, "pctr hardly varies: " + withLabel.values());

        // CSV: no label column in the header; two bad rows (I1 not a number, a field missing)
        String[] good = rows.get(0);
        String notNumeric = "bad1,abc," + String.join(",", Arrays.asList(good).subList(2, good.length));
        String tooFew = "bad2," + String.join(",", Arrays.asList(good).subList(2, good.length));
        Path out = dir.resolve("out-csv");
        Map<String, Double> csv = score(csv("unlabeled", 1, List.of(notNumeric, tooFew)), out);
        assertEquals(ROWS, csv.size());
        assertSamePctr(withLabel, csv);
        List<Map<String, Object>> bad = TrainFiles.quarantine(out.resolve("quarantine"));
        bad.sort((a, b) -> ((String) a.get("raw")).compareTo((String) b.get("raw")));
        assertEquals(List.of("not_numeric", "field_count"), bad.stream().map(m -> m.get("reason")).toList());
        assertEquals("I1 given 'abc'; allowed: a number or empty", bad.get(0).get("detail"));
        assertEquals("expected 40 fields, found 39", bad.get(1).get("detail"));

        // Parquet: no label column at all, input.schema.label empty; one row with a NaN numeric
        Path pq = parquetWithoutLabel();
        Path pqOut = dir.resolve("out-parquet");
        Map<String, Double> parquet = score(pq, pqOut, "--set", "input.format=parquet", "--set", "input.schema.label=");
        assertEquals(ROWS, parquet.size());
        assertSamePctr(withLabel, parquet);
        List<Map<String, Object>> pqBad = TrainFiles.quarantine(pqOut.resolve("quarantine"));
        assertEquals(1, pqBad.size());
        assertEquals("not_finite", pqBad.get(0).get("reason"));
        assertEquals("I1 given NaN; allowed: a finite number or null", pqBad.get(0).get("detail"));
    }

    /** The scoring rows as Parquet: rid, I1..I13 doubles (blank = null), C1..C26 strings (CSV quotes removed). */
    private static Path parquetWithoutLabel() {
        StructType type = new StructType().add("rid", DataTypes.StringType, false);
        for (String c : CriteoCsv.COLUMNS.subList(1, 14)) {
            type = type.add(c, DataTypes.DoubleType, true);
        }
        for (String c : CriteoCsv.COLUMNS.subList(14, 40)) {
            type = type.add(c, DataTypes.StringType, true);
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i <= ROWS; i++) {
            String[] f = rows.get(Math.min(i, ROWS - 1));
            Object[] v = new Object[40];
            v[0] = i < ROWS ? "r" + i : "bad-nan";
            for (int k = 1; k < 40; k++) {
                String s = f[k];
                if (s.startsWith("\"")) {
                    s = s.substring(1, s.length() - 1); // goodRow quotes a value holding a comma; no inner quotes
                }
                v[k] = s.isEmpty() ? null : k < 14 ? (Object) Double.valueOf(s) : s;
            }
            if (i == ROWS) {
                v[1] = Double.NaN;
            }
            out.add(RowFactory.create(v));
        }
        Path p = dir.resolve("parquet");
        SparkSession.active().createDataFrame(out, type).coalesce(2).write().parquet(p.toString());
        return p;
    }
}
