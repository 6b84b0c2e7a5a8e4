package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: 1% malformed rows of mixed kinds. Every one lands in OUTPUT/quarantine/train with its reason;
 * under input.max_bad_fraction the job succeeds with exact row counts, over it the job fails (exit 1) after
 * writing the quarantine, says how many rows and where, and writes no _SUCCESS.
 */
class TrainQuarantineTest {

    /** One kind of malformed row: how it is made from a good row's fields, and the reason expected for it. */
    private record Kind(String reason, String column, Function<String[], byte[]> make) { }

    private static final int ROWS = 2000;
    private static final int VALID_ROWS = 500;
    /** Malformed rows: 1% of ROWS, one at every 100th row. */
    private static final List<Kind> KINDS = kinds();

    private static LocalSpark spark;
    private static Path trainFile;
    private static Path validDir;
    /** Expected quarantine of train: byte offset → reason, derived from how each bad line was written. */
    private static final Map<Long, String> EXPECTED = new TreeMap<>();
    private static final Map<Long, String> EXPECTED_COLUMN = new TreeMap<>();

    @TempDir
    static Path dir;

    private static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            k.add(new Kind("field_count", null, f -> utf8(join(f).substring(0, join(f).lastIndexOf(','))))); // 39 fields
        }
        for (int i = 0; i < 2; i++) {
            k.add(new Kind("field_count", null, f -> utf8(join(f) + ",extra"))); // 41 fields
        }
        for (int i = 0; i < 3; i++) {
            k.add(new Kind("not_numeric", "I3", f -> utf8(join(set(f, "I3", "abc")))));
        }
        for (int i = 0; i < 3; i++) {
            k.add(new Kind("bad_label", "label", f -> utf8(join(set(f, "label", "2")))));
        }
        k.add(new Kind("not_finite", "I5", f -> utf8(join(set(f, "I5", "NaN")))));
        k.add(new Kind("not_finite", "I5", f -> utf8(join(set(f, "I5", "nan")))));
        k.add(new Kind("not_finite", "I6", f -> utf8(join(set(f, "I6", "-Infinity")))));
        k.add(new Kind("unparseable", null, f -> new byte[0])); // an empty line
        k.add(new Kind("unparseable", null, f -> new byte[0]));
        k.add(new Kind("unparseable", null, f -> utf8(join(set(f, "C2", "\"open")))));
        k.add(new Kind("missing_label", "label", f -> utf8(join(set(f, "label", "")))));
        k.add(new Kind("overflow", "I7", f -> utf8(join(set(f, "I7", "1e400")))));
        k.add(new Kind("invalid_utf8", null, f -> {
            byte[] good = utf8(join(set(f, "C4", "x")));
            int at = join(set(f, "C4", "x")).indexOf(",x") + 1;
            good[at] = (byte) 0xFF; // a lone 0xFF is never valid UTF-8
            return good;
        }));
        if (k.size() != ROWS / 100) {
            throw new IllegalStateException(k.size() + " kinds for " + ROWS / 100 + " bad rows");
        }
        return k;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String join(String[] f) {
        return String.join(",", f);
    }

    private static String[] set(String[] f, String column, String value) {
        String[] c = f.clone();
        c[CriteoCsv.COLUMNS.indexOf(column)] = value;
        return c;
    }

    @BeforeAll
    static void writeData() throws Exception {
        spark = LocalSpark.start();
        Random r = new Random(11);
        CriteoCsv train = new CriteoCsv(CriteoCsv.COLUMNS);
        for (int i = 0; i < ROWS; i++) {
            String[] fields = CriteoCsv.goodRow(r);
            if (i % 100 == 50) {
                Kind k = KINDS.get(i / 100);
                long offset = train.add(k.make().apply(fields));
                EXPECTED.put(offset, k.reason());
                if (k.column() != null) {
                    EXPECTED_COLUMN.put(offset, k.column());
                }
            } else {
                train.add(train.line(fields));
            }
        }
        trainFile = train.writeTo(dir.resolve("train.csv"));
        validDir = new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, VALID_ROWS).writeTo(dir.resolve("valid/v.csv")).getParent();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static CliRunner.Result train(Path out, String maxBad) {
        return CliRunner.run(TrainCsvHeaderTest.concat(new String[] {"train",
                "--config", TrainFiles.repoRoot().resolve("conf/csv-criteo-header.conf").toString(),
                "--set", "input.train=" + trainFile, "--set", "input.valid=" + validDir,
                "--set", "input.max_bad_fraction=" + maxBad, "--set", "output=" + out},
                TrainCsvHeaderTest.concat(TrainCsvHeaderTest.smallModel(),
                        // Counting is the point here, learning is TrainCsvHeaderTest's: one short epoch.
                        "--set", "training.epochs=1", "--set", "training.batch_size=128")));
    }

    /** Every bad row is in the quarantine, once, at its byte offset, with the reason it was made with. */
    private static void assertQuarantineHoldsEveryBadRow(Path quarantine) throws Exception {
        List<Map<String, Object>> records = TrainFiles.quarantine(quarantine);
        Map<Long, String> reasons = new TreeMap<>();
        for (Map<String, Object> rec : records) {
            long offset = ((Number) rec.get("offset")).longValue();
            reasons.put(offset, (String) rec.get("reason"));
            assertTrue(((String) rec.get("file")).endsWith(trainFile.toString()), rec.toString());
            String column = EXPECTED_COLUMN.get(offset);
            if (column != null) {
                assertTrue(((String) rec.get("detail")).startsWith(column + " "), "detail names " + column + ": " + rec);
            }
        }
        assertEquals(ROWS / 100, records.size(), "one record per bad row: " + records);
        assertEquals(EXPECTED, reasons);
    }

    @Test
    void underTheLimitTrainsOnTheGoodRowsAndQuarantinesEveryBadOne() throws Exception {
        Path out = dir.resolve("lenient");
        CliRunner.Result res = train(out, "0.02");
        assertEquals(Main.OK, res.code, res.toString());
        System.out.print("quarantine 1%: " + res.out);
        assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
        assertQuarantineHoldsEveryBadRow(out.resolve("quarantine/train"));
        assertEquals(0, TrainFiles.quarantine(out.resolve("quarantine/valid")).size());
        Map<String, Object> metrics = TrainFiles.json(out.resolve("metrics.json"));
        long bad = ROWS / 100;
        assertEquals(Map.of("read", (long) ROWS + VALID_ROWS, "used", (long) ROWS + VALID_ROWS - bad, "quarantined", bad),
                TrainFiles.rows(metrics));
        double auc = ((Number) metrics.get("auc")).doubleValue();
        assertTrue(auc >= 0 && auc <= 1, metrics.toString());
    }

    @Test
    void overTheLimitFailsAfterWritingTheQuarantine() throws Exception {
        Path out = dir.resolve("strict");
        CliRunner.Result res = train(out, "0.005");
        assertEquals(Main.FAILURE, res.code, res.toString());
        String quarantine = out.resolve("quarantine/train").toString();
        assertTrue(res.err.startsWith("sparkact train failed: io.sparkact.data.BadInputException: 20 of 2000 input rows "
                + "are bad (fraction 0.0100000 > input.max_bad_fraction 0.00500000); the bad rows and their reasons are "
                + "in " + quarantine + "\n"), res.err);
        assertQuarantineHoldsEveryBadRow(out.resolve("quarantine/train"));
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "a failed run is not a result");
        assertFalse(Files.exists(out.resolve("metrics.json")));
        assertFalse(Files.exists(out.resolve("model")));
    }
}
