package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-input classes: files that hold no rows among good ones (used as zero rows), and inputs that cannot be
 * read at all (a missing path, a directory without data files, a Parquet file with the wrong schema, a CSV
 * header without a configured column). The latter are {@link InputException}s, which the CLI maps to exit
 * code 2 (a usage error: the configured path or schema does not fit the data); their messages name the path
 * and what was expected, asserted exactly.
 */
class BadInputFilesTest {

    static SparkSession spark;

    @TempDir
    static Path tmp;

    static final StructType PARQUET = new StructType()
            .add("label", DataTypes.IntegerType, true)
            .add("x", DataTypes.DoubleType, true)
            .add("y", DataTypes.DoubleType, true)
            .add("c", DataTypes.StringType, true)
            .add("uid", DataTypes.StringType, true);

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("BadInputFilesTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static InputSpec parquet(String path) {
        Schema s = Schema.builder().label("label").numeric(List.of("x", "y")).categorical(List.of("c"))
                .id(List.of("uid")).build();
        return InputSpec.builder().format("parquet").path(path).maxBadFraction(0).schema(s).build();
    }

    static List<Row> goodParquetRows(int from, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            rows.add(RowFactory.create(i % 2, (double) i, 0.5, "red", "g" + i));
        }
        return rows;
    }

    static Path text(TextFixture f, Path file, int from, int n) throws IOException {
        TextFixture.FileBuilder b = new TextFixture.FileBuilder(f);
        for (int i = from; i < from + n; i++) {
            b.good(f, i);
        }
        return b.writeTo(file);
    }

    /** Empty files among good ones hold no rows; every good row of the other files is used, nothing quarantined. */
    @Test
    void emptyFilesAmongGoodOnesAreZeroRows() throws IOException {
        for (TextFixture f : List.of(TextFixture.CRITEO, TextFixture.CSV)) {
            Path dir = tmp.resolve("empty-among-good-" + f);
            text(f, dir.resolve("a.txt"), 0, 5);
            Files.write(dir.resolve("b.txt"), new byte[0]);             // zero bytes
            if (f.header() != null) {
                text(f, dir.resolve("b2.txt"), 0, 0);                      // a header and no rows
            }
            text(f, dir.resolve("c.txt"), 5, 5);
            ReadResult r = InputReader.read(spark, f.spec(dir.toString(), 0), tmp.resolve("q-" + f).toString());
            assertEquals(List.of(10L, 10L, 0L), List.of(r.read(), r.used(), r.quarantined()), f.name());
            r.release();
        }
        Path dir = tmp.resolve("empty-among-good-parquet");
        spark.createDataFrame(goodParquetRows(0, 5), PARQUET).coalesce(1).write().parquet(dir.resolve("a").toString());
        spark.createDataFrame(List.of(), PARQUET).coalesce(1).write().parquet(dir.resolve("b").toString()); // 0 rows
        Files.write(dir.resolve("b/zero-bytes.parquet"), new byte[0]);
        spark.createDataFrame(goodParquetRows(5, 5), PARQUET).coalesce(1).write().parquet(dir.resolve("c").toString());
        ReadResult r = InputReader.read(spark, parquet(dir.toString()), tmp.resolve("q-parquet").toString());
        assertEquals(List.of(10L, 10L, 0L), List.of(r.read(), r.used(), r.quarantined()));
        r.release();
    }

    /** A whole-input error: how its input is made (given a fresh directory), the spec, and the exact message. */
    record BadFiles(String name, Setup setup, Function<String, InputSpec> spec, Function<String, String> message) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Makes the input inside {@code dir} and returns the configured path. */
    interface Setup {
        String make(Path dir) throws IOException;
    }

    /** "file:/abs/path", as Hadoop prints a local file. */
    static String uri(String path) {
        return "file:" + path;
    }

    static String noDataFiles(String p) {
        return "input path " + p + " holds no data files (directories are searched recursively; names starting with"
                + " _ or . and empty files are skipped)";
    }

    static Stream<BadFiles> rows() {
        Function<String, InputSpec> criteo = p -> TextFixture.CRITEO.spec(p, 0);
        Function<String, InputSpec> csv = p -> TextFixture.CSV.spec(p, 0);
        Setup missing = d -> d.resolve("no-such-dir").toString();
        Setup noData = d -> {
            Files.createDirectories(d.resolve("in/_temporary/0"));
            Files.write(d.resolve("in/_SUCCESS"), new byte[0]);
            Files.write(d.resolve("in/.part-0.crc"), new byte[] {1, 2});
            Files.write(d.resolve("in/part-0"), new byte[0]);
            return d.resolve("in").toString();
        };
        Setup emptyGlob = d -> {
            text(TextFixture.CRITEO, d.resolve("in/a.tsv"), 0, 2);
            return d.resolve("in") + "/*.csv";
        };
        return Stream.of(
            new BadFiles("criteo: missing path", missing, criteo, p -> "input path " + p + " does not exist"),
            new BadFiles("csv: missing path", missing, csv, p -> "input path " + p + " does not exist"),
            new BadFiles("parquet: missing path", missing, BadInputFilesTest::parquet, p -> "input path " + p + " does not exist"),
            new BadFiles("criteo: directory with no data files", noData, criteo, BadInputFilesTest::noDataFiles),
            new BadFiles("csv: directory with no data files", noData, csv, BadInputFilesTest::noDataFiles),
            new BadFiles("parquet: directory with no data files", noData, BadInputFilesTest::parquet,
                    BadInputFilesTest::noDataFiles),
            new BadFiles("criteo: glob matching nothing", emptyGlob, criteo, p -> "input path " + p
                    + " is a glob that matches no file"),
            new BadFiles("csv: only a header", d -> text(TextFixture.CSV, d.resolve("in/a.csv"), 0, 0).getParent()
                    .toString(), csv, p -> "input [" + p + "] holds no data rows (1 file(s))"),
            new BadFiles("csv: header without a configured column", d -> {
                Files.createDirectories(d.resolve("in"));
                Files.writeString(d.resolve("in/a.csv"), "label,x,c,uid\n1,2,red,g1\n");
                return d.resolve("in/a.csv").toString();
            }, csv, p -> "input file " + uri(p) + " has no column 'y' in its header; the header has: label, x, c, uid"),
            new BadFiles("parquet: no rows at all", d -> {
                spark.createDataFrame(List.of(), PARQUET).coalesce(1).write().parquet(d.resolve("in").toString());
                return d.resolve("in").toString();
            }, BadInputFilesTest::parquet, p -> "input [" + p + "] holds no data rows (1 file(s))"),
            new BadFiles("parquet: a column missing in one file of two", d -> {
                spark.createDataFrame(goodParquetRows(0, 3), PARQUET).coalesce(1).write().parquet(d.resolve("in/a").toString());
                spark.createDataFrame(goodParquetRows(0, 3), PARQUET).drop("y").coalesce(1).write()
                        .parquet(d.resolve("in/b").toString());
                return d.resolve("in").toString();
            }, BadInputFilesTest::parquet, p -> "Parquet input file " + uri(onlyPart(p + "/b")) + " has no column 'y'"),
            new BadFiles("parquet: numeric column of type string", d -> {
                spark.createDataFrame(goodParquetRows(0, 3), PARQUET).withColumn("x", org.apache.spark.sql.functions
                        .col("x").cast("string")).coalesce(1).write().parquet(d.resolve("in").toString());
                return d.resolve("in").toString();
            }, BadInputFilesTest::parquet, p -> "Parquet input [" + p + "]: numeric column 'x' has type string; "
                    + "allowed: a numeric type"),
            new BadFiles("parquet: label of type string", d -> {
                spark.createDataFrame(goodParquetRows(0, 3), PARQUET).withColumn("label", org.apache.spark.sql.functions
                        .col("label").cast("string")).coalesce(1).write().parquet(d.resolve("in").toString());
                return d.resolve("in").toString();
            }, BadInputFilesTest::parquet, p -> "Parquet input [" + p + "]: label column 'label' has type string; "
                    + "allowed: a numeric or boolean type"),
            new BadFiles("parquet: column type differs between files", d -> {
                spark.createDataFrame(goodParquetRows(0, 3), PARQUET).coalesce(1).write().parquet(d.resolve("in/a").toString());
                spark.createDataFrame(goodParquetRows(3, 3), PARQUET).withColumn("x", org.apache.spark.sql.functions
                        .col("x").cast("string")).coalesce(1).write().parquet(d.resolve("in/b").toString());
                return d.resolve("in").toString();
            }, BadInputFilesTest::parquet, p -> "Parquet input file " + uri(onlyPart(p + "/b")) + ": column 'x' has type "
                    + "binary (STRING) but " + uri(onlyPart(p + "/a")) + " has double; every input file must give a "
                    + "column the same type"),
            new BadFiles("parquet: a file that is not Parquet", d -> {
                spark.createDataFrame(goodParquetRows(0, 3), PARQUET).coalesce(1).write().parquet(d.resolve("in").toString());
                Files.writeString(d.resolve("in/notes.txt"), "label,x\n1,2\n");
                return d.resolve("in").toString();
            }, BadInputFilesTest::parquet, p -> "input file " + uri(p + "/notes.txt") + " is not a readable Parquet file: "
                    + uri(p + "/notes.txt") + " is not a Parquet file. Expected magic number at tail, but found [49, 44, 50, 10]"));
    }

    /** The one part-*.parquet file of a directory Spark wrote with one partition. */
    static String onlyPart(String dir) {
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void wholeInputErrorsNameThePathAndWhatWasExpected(BadFiles r) throws IOException {
        Path dir = tmp.resolve(r.name().replaceAll("[^A-Za-z0-9]+", "_"));
        Files.createDirectories(dir);
        String path = r.setup().make(dir);
        String q = dir.resolve("quarantine").toString();
        InputException e = assertThrows(InputException.class, () -> InputReader.read(spark, r.spec().apply(path), q));
        assertEquals(r.message().apply(path), e.getMessage());
        assertTrue(!Files.exists(Path.of(q)), "no quarantine is written for an input that cannot be read");
    }
}
