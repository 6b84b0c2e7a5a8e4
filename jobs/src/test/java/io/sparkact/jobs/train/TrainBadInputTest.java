package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows of the bad-input table end to end through {@code train} (the readers' own tables are in spark-plugin's
 * BadLineTableTest, ParquetBadRowTableTest and BadInputFilesTest; {@link TrainQuarantineTest} covers the
 * threshold with twenty malformed lines).
 *
 * <ul>
 *   <li>Whole-input errors (a directory without data files, a Parquet input with the wrong schema) are usage
 *       errors: exit 2, the message names the path and what was expected, nothing is written.</li>
 *   <li>Line classes the other end-to-end test lacks (an empty file among good ones, +Inf, a truncated last
 *       line without a newline) under the limit: exit 0, every good row used, rows counted exactly.</li>
 * </ul>
 */
class TrainBadInputTest {

    @TempDir
    static Path dir;

    private static LocalSpark spark;
    private static Path goodValid;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.start();
        goodValid = new CriteoCsv(CriteoCsv.COLUMNS).addGood(new Random(2), 300).writeTo(dir.resolve("valid/v.csv"))
                .getParent();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static CliRunner.Result train(Path out, String... sets) {
        List<String> args = new ArrayList<>(List.of("train", "--config",
                TrainFiles.repoRoot().resolve("conf/csv-criteo-header.conf").toString(), "--set", "output=" + out));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        args.addAll(List.of(TrainCsvHeaderTest.smallModel()));
        args.addAll(List.of("--set", "training.epochs=1"));
        return CliRunner.run(args.toArray(new String[0]));
    }

    /** A whole-input error: how its input is made, the --set lines that point train at it, the message. */
    record WholeInput(String name, Setup setup, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Setup {
        /** Makes the input under {@code d}; returns the --set lines (input.train, input.valid, format...). */
        List<String> make(Path d) throws IOException;
    }

    static final StructType PARQUET = new StructType().add("label", DataTypes.IntegerType).add("x", DataTypes.DoubleType)
            .add("c", DataTypes.StringType);

    static void parquet(Path to, boolean xAsString) {
        SparkSession s = SparkSession.builder().getOrCreate(); // the jobs' session, from LocalSpark's properties
        List<Row> rows = List.of(RowFactory.create(1, 2.0, "a"), RowFactory.create(0, 3.0, "b"));
        var df = s.createDataFrame(rows, PARQUET);
        if (xAsString) {
            df = df.withColumn("x", functions.col("x").cast("string"));
        }
        df.coalesce(1).write().parquet(to.toString());
    }

    static String onlyPart(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return "file:" + s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
    }

    static Stream<WholeInput> wholeInputs() {
        return Stream.of(
            new WholeInput("valid directory without data files", d -> {
                Files.createDirectories(d.resolve("valid/_temporary"));
                Files.write(d.resolve("valid/_SUCCESS"), new byte[0]);
                Files.write(d.resolve("valid/empty.csv"), new byte[0]);
                return List.of("input.train=" + goodValid, "input.valid=" + d.resolve("valid"));
            }, "input path %d/valid holds no data files (directories are searched recursively; names starting with _ or"
                    + " . and empty files are skipped)"),
            new WholeInput("parquet numeric column of type string", d -> {
                parquet(d.resolve("pq"), true);
                return List.of("input.format=parquet", "input.schema.numeric=x", "input.schema.categorical=c",
                        "input.train=" + d.resolve("pq"), "input.valid=" + d.resolve("pq"));
            }, "Parquet input [%d/pq]: numeric column 'x' has type string; allowed: a numeric type"),
            new WholeInput("parquet column type differs between files", d -> {
                parquet(d.resolve("pq/a"), false);
                parquet(d.resolve("pq/b"), true);
                return List.of("input.format=parquet", "input.schema.numeric=x", "input.schema.categorical=c",
                        "input.train=" + d.resolve("pq"), "input.valid=" + d.resolve("pq"));
            }, "Parquet input file %b: column 'x' has type binary (STRING) but %a has double; every input file must "
                    + "give a column the same type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeInputs")
    void wholeInputErrorsAreUsageErrorsNamingThePath(WholeInput w) throws IOException {
        Path d = dir.resolve(w.name().replaceAll("[^A-Za-z0-9]+", "_"));
        Files.createDirectories(d);
        List<String> sets = w.setup().make(d);
        Path out = d.resolve("out");
        CliRunner.Result r = train(out, sets.toArray(new String[0]));
        assertEquals(Main.USAGE, r.code, r.toString());
        String message = w.message().replace("%d", d.toString());
        if (message.contains("%a")) {
            message = message.replace("%a", onlyPart(d.resolve("pq/a"))).replace("%b", onlyPart(d.resolve("pq/b")));
        }
        assertEquals("sparkact train: " + message + "\nRun 'sparkact train --help' for usage.\n", r.err);
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "nothing finished-looking is written");
        assertFalse(Files.exists(out.resolve("model")));
    }

    /**
     * Three files: 400 good rows and one with "+Inf"; an empty file; 300 good rows and a last line cut in its
     * eleventh field, without a newline. 700 good training rows, 2 quarantined; valid 300 good rows.
     */
    @Test
    void emptyFileInfinityAndTruncatedLastLineUnderTheLimit() throws IOException {
        Random r = new Random(9);
        Map<String, String> expected = new TreeMap<>();
        CriteoCsv a = new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 200);
        String[] inf = CriteoCsv.goodRow(r);
        inf[CriteoCsv.COLUMNS.indexOf("I4")] = "+Inf";
        long infAt = a.add(String.join(",", inf));
        a.addGood(r, 200);
        Path train = a.writeTo(dir.resolve("mixed/a.csv")).getParent();
        expected.put(train.resolve("a.csv") + "@" + infAt, "not_finite");
        Files.write(train.resolve("b.csv"), new byte[0]);
        CriteoCsv c = new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 300);
        Path cFile = c.writeTo(train.resolve("c.csv"));
        long cutAt = Files.size(cFile);
        // ten whole fields and the first digit of the eleventh: a record cut mid-field
        String cut = String.join(",", java.util.Arrays.copyOf(CriteoCsv.goodRow(r), 10)) + ",1";
        Files.write(cFile, cut.getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        expected.put(cFile + "@" + cutAt, "field_count");

        Path out = dir.resolve("mixed-out");
        CliRunner.Result res = train(out, "input.train=" + train, "input.valid=" + goodValid,
                "input.max_bad_fraction=0.003"); // 2 of 702 = 0.00285
        assertEquals(Main.OK, res.code, res.toString());
        Map<String, Object> metrics = TrainFiles.json(out.resolve("metrics.json"));
        assertEquals(Map.of("read", 1002L, "used", 1000L, "quarantined", 2L), TrainFiles.rows(metrics));
        Map<String, String> got = new TreeMap<>();
        for (Map<String, Object> rec : TrainFiles.quarantine(out.resolve("quarantine/train"))) {
            String file = ((String) rec.get("file")).replaceFirst("^file:", "");
            got.put(file + "@" + ((Number) rec.get("offset")).longValue(), (String) rec.get("reason"));
        }
        assertEquals(expected, got);
        assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    }
}
