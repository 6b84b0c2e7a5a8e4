package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The bad-row table for Parquet: the value classes a typed file can hold (label not 0/1 or null, NaN, ±Inf),
 * each mixed with good rows in one file. Every good row is used, every bad row is in the quarantine with its
 * file, its row index in the file, the raw values, the reason and the exact detail, and the threshold decides.
 * (Field count, non-numeric text, overflow and encoding errors cannot occur in a typed file: a column of the
 * wrong type is a whole-input error, see {@link BadInputFilesTest}.) The file has a sequence column, so a
 * sequence class (e.g. longer than the maximum) is one more line in {@link #rows()}.
 */
class ParquetBadRowTableTest {

    private static final int GOOD = 10;

    static final StructType TYPE = new StructType()
            .add("label", DataTypes.DoubleType, true)
            .add("x", DataTypes.DoubleType, true)
            .add("y", DataTypes.FloatType, true)
            .add("c", DataTypes.StringType, true)
            .add("seq", DataTypes.createArrayType(DataTypes.StringType), true) // a behaviour sequence (DIN)
            .add("uid", DataTypes.StringType, true);

    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("ParquetBadRowTableTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A class of bad row: the row, and the raw text, reason and detail the quarantine must give. */
    record BadRow(String name, Row row, String raw, String reason, String detail) {
        @Override
        public String toString() {
            return "parquet: " + name;
        }
    }

    static Row good(int i) {
        return RowFactory.create((double) (i % 2), (double) i, i % 3 == 0 ? null : 0.5f, "red",
                i % 4 == 0 ? null : new String[] {"s" + i % 3, "s1"}, "g" + i);
    }

    static Stream<BadRow> rows() {
        return Stream.of(
            new BadRow("label 2", RowFactory.create(2.0, 1.0, 0.5f, "red", new String[] {"a"}, "bad"),
                    "label=2.0, x=1.0, y=0.5, c=red, seq=[a], uid=bad", "bad_label", "label given 2.0; allowed: 0 or 1"),
            new BadRow("label 0.5", RowFactory.create(0.5, 1.0, 0.5f, "red", new String[] {"a"}, "bad"),
                    "label=0.5, x=1.0, y=0.5, c=red, seq=[a], uid=bad", "bad_label", "label given 0.5; allowed: 0 or 1"),
            new BadRow("label NaN", RowFactory.create(Double.NaN, 1.0, 0.5f, "red", new String[] {"a"}, "bad"),
                    "label=NaN, x=1.0, y=0.5, c=red, seq=[a], uid=bad", "bad_label", "label given NaN; allowed: 0 or 1"),
            new BadRow("label missing", RowFactory.create(null, 1.0, 0.5f, "red", new String[] {"a"}, "bad"),
                    "label=null, x=1.0, y=0.5, c=red, seq=[a], uid=bad", "missing_label", "label is null; allowed: 0 or 1"),
            new BadRow("NaN", RowFactory.create(1.0, Double.NaN, 0.5f, "red", new String[] {"a"}, "bad"),
                    "label=1.0, x=NaN, y=0.5, c=red, seq=[a], uid=bad", "not_finite", "x given NaN; allowed: a finite number or null"),
            new BadRow("+Inf", RowFactory.create(1.0, Double.POSITIVE_INFINITY, 0.5f, "red", new String[] {"a"}, "bad"),
                    "label=1.0, x=Infinity, y=0.5, c=red, seq=[a], uid=bad", "not_finite",
                    "x given Infinity; allowed: a finite number or null"),
            new BadRow("-Inf (float column)", RowFactory.create(0.0, 1.0, Float.NEGATIVE_INFINITY, "red", new String[] {"a"}, "bad"),
                    "label=0.0, x=1.0, y=-Infinity, c=red, seq=[a], uid=bad", "not_finite",
                    "y given -Infinity; allowed: a finite number or null"));
    }

    static InputSpec spec(String path, double maxBad) {
        Schema s = Schema.builder().label("label").numeric(List.of("x", "y")).categorical(List.of("c"))
                .sequence(List.of("seq")).id(List.of("uid")).build();
        return InputSpec.builder().format("parquet").path(path).maxBadFraction(maxBad).schema(s).build();
    }

    /**
     * One file (one partition, written in list order, so row indexes are list positions): the bad row at index 0,
     * good rows 0..4, the bad row again at index 6, good rows 5..9.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyGoodRowIsUsedAndEveryBadRowQuarantinedWithItsRowIndex(BadRow r) throws IOException {
        String id = r.name().replaceAll("[^A-Za-z0-9]+", "_");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            if (i == 0 || i == GOOD / 2) {
                rows.add(r.row());
            }
            rows.add(good(i));
        }
        String data = tmp.resolve(id + "/data").toString();
        spark.createDataFrame(rows, TYPE).coalesce(1).write().parquet(data);

        String q = tmp.resolve(id + "/q-ok").toString();
        ReadResult ok = InputReader.read(spark, spec(data, 2.0 / 12), q);
        assertEquals(12, ok.read());
        assertEquals(GOOD, ok.used());
        assertEquals(2, ok.quarantined());
        List<String> ids = new ArrayList<>();
        for (Row row : ok.good().select("uid").collectAsList()) {
            ids.add(row.getString(0));
        }
        ids.sort(Comparator.comparingInt(s -> Integer.parseInt(s.substring(1))));
        assertEquals(List.of("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9"), ids);
        ok.release();
        assertQuarantine(r, q);

        String q2 = tmp.resolve(id + "/q-fail").toString();
        BadInputException e = assertThrows(BadInputException.class,
                () -> InputReader.read(spark, spec(data, 1.5 / 12), q2));
        assertEquals("2 of 12 input rows are bad (fraction 0.166667 > input.max_bad_fraction 0.125000); "
                + "the bad rows and their reasons are in " + q2, e.getMessage());
        assertQuarantine(r, q2);
    }

    private static void assertQuarantine(BadRow r, String dir) throws IOException {
        List<JsonNode> recs = new ArrayList<>(InputReaderTest.quarantine(dir));
        recs.sort(Comparator.comparingLong(n -> n.get("row").asLong()));
        assertEquals(2, recs.size(), recs.toString());
        long[] rowIndex = {0, GOOD / 2 + 1};
        for (int i = 0; i < 2; i++) {
            JsonNode rec = recs.get(i);
            assertEquals(rowIndex[i], rec.get("row").asLong(), "row index of " + rec);
            assertFalse(rec.has("offset"), "Parquet has row indexes, not byte offsets: " + rec);
            String file = rec.get("file").asText();
            assertEquals(true, file.matches("file:.*/" + r.name().replaceAll("[^A-Za-z0-9]+", "_")
                    + "/data/part-00000-.*\\.parquet"), file);
            assertEquals(r.raw(), rec.get("raw").asText());
            assertEquals(r.reason(), rec.get("reason").asText());
            assertEquals(r.detail(), rec.get("detail").asText());
        }
    }
}
