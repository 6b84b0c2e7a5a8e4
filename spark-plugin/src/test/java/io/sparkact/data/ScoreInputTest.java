package io.sparkact.data;

import static io.sparkact.data.InputReaderTest.criteoLine;
import static io.sparkact.data.InputReaderTest.quarantine;
import static io.sparkact.data.InputReaderTest.utf8;
import static io.sparkact.data.InputReaderTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Reading rows to score ({@link ReadPurpose#SCORE}): the label may be absent (schema, header, Parquet columns,
 * Criteo's 39-field test lines) and is ignored when present, while every other bad-row rule still quarantines.
 */
class ScoreInputTest {

    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("ScoreInputTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static InputSpec scoring(String format, String path, Schema schema) {
        return InputSpec.builder().format(format).path(path).maxBadFraction(1).schema(schema)
                .purpose(ReadPurpose.SCORE).build();
    }

    private static List<String> rows(ReadResult r, String orderBy) {
        return r.good().orderBy(orderBy).collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void criteoAcceptsFortyAndThirtyNineFieldsAndIgnoresTheLabel() throws IOException {
        String labeled = criteoLine(1, 5);
        String unlabeled = criteoLine(0, 5).substring(2); // the same features without "0\t"
        String badLabel = "yes" + criteoLine(1, 6).substring(1); // not validated when scoring
        String noLabel = criteoLine(1, 7).substring(1); // empty label field: 40 fields, ignored
        String notNumeric = "abc" + unlabeled.substring(unlabeled.indexOf('\t')); // I1 of a 39-field line
        String tooFew = unlabeled.substring(0, unlabeled.lastIndexOf('\t')); // 38 fields
        Path f = write(tmp.resolve("test.tsv"), utf8(List.of(labeled, unlabeled, badLabel, noLabel, notNumeric, tooFew)));
        String q = tmp.resolve("q").toString();
        ReadResult r = InputReader.read(spark, InputSpec.builder().format(InputFormat.CRITEO).path(f.toString())
                .maxBadFraction(1).purpose(ReadPurpose.SCORE).build(), q);
        assertEquals(6, r.read());
        assertEquals(4, r.used());
        assertEquals(39, r.good().schema().size());
        assertEquals("I1", r.good().schema().fieldNames()[0]);
        List<Row> good = new ArrayList<>(r.good().collectAsList());
        good.sort(Comparator.comparingDouble(row -> row.getDouble(0)));
        // I1 = i: rows 5 (labeled and unlabeled: identical), 6, 7
        assertEquals(good.get(0), good.get(1));
        assertEquals(List.of(5.0, 5.0, 6.0, 7.0), good.stream().map(row -> row.getDouble(0)).toList());
        assertEquals(String.format("%08x", 5 * 31 + 1), good.get(0).getString(13)); // C1 after I1..I13

        List<JsonNode> recs = quarantine(q);
        recs.sort(Comparator.comparingLong(n -> n.get("offset").asLong()));
        assertEquals(List.of("not_numeric", "field_count"), recs.stream().map(n -> n.get("reason").asText()).toList());
        assertEquals("I1 given 'abc'; allowed: an integer or empty", recs.get(0).get("detail").asText());
        assertEquals("expected 39 (without the label) or 40 (label first, ignored) fields, found 38",
                recs.get(1).get("detail").asText());
        r.release();
    }

    @Test
    void csvWithHeaderNeedsNoLabelColumnAndIgnoresOne() throws IOException {
        Schema s = Schema.builder().label("label").numeric(List.of("x")).categorical(List.of("c"))
                .id(List.of("uid")).build();
        write(tmp.resolve("csv/a.csv"), utf8(List.of("uid,x,c", "u1,2.5,red", "u2,abc,blue")));
        write(tmp.resolve("csv/b.csv"), utf8(List.of("c,label,x,uid", "green,,1,u3", "gray,maybe,,u4")));
        String q = tmp.resolve("q").toString();
        ReadResult r = InputReader.read(spark, scoring("csv", tmp.resolve("csv").toString(), s), q);
        assertEquals(4, r.read());
        assertEquals(List.of("x", "c", "uid"), List.of(r.good().schema().fieldNames()));
        assertEquals(List.of("[2.5,red,u1]", "[1.0,green,u3]", "[null,gray,u4]"), rows(r, "uid"));
        List<JsonNode> recs = quarantine(q);
        assertEquals(1, recs.size());
        assertEquals("not_numeric", recs.get(0).get("reason").asText());
        assertEquals("x given 'abc'; allowed: a number or empty", recs.get(0).get("detail").asText());
        assertTrue(recs.get(0).get("file").asText().endsWith("/csv/a.csv"));
        r.release();

        // an empty input.schema.label reads the same rows
        Schema none = Schema.builder().label("").numeric(List.of("x")).categorical(List.of("c")).id(List.of("uid")).build();
        ReadResult r2 = InputReader.read(spark, scoring("csv", tmp.resolve("csv").toString(), none),
                tmp.resolve("q2").toString());
        assertEquals(List.of("[2.5,red,u1]", "[1.0,green,u3]", "[null,gray,u4]"), rows(r2, "uid"));
        r2.release();
    }

    @Test
    void headerlessCsvTellsLabeledFromUnlabeledLinesByTheFieldCount() throws IOException {
        Schema s = Schema.builder().label("label").numeric(List.of("x")).categorical(List.of("c"))
                .id(List.of("uid")).header(false).build();
        Path f = write(tmp.resolve("nh.csv"), utf8(List.of("3,a,u1", "1,4,b,u2", "2,5,c,u3", "6,d")));
        String q = tmp.resolve("q").toString();
        ReadResult r = InputReader.read(spark, scoring("csv", f.toString(), s), q);
        assertEquals(List.of("[3.0,a,u1]", "[4.0,b,u2]", "[5.0,c,u3]"), rows(r, "uid"));
        List<JsonNode> recs = quarantine(q);
        assertEquals(1, recs.size());
        assertEquals("expected 3 (without the label) or 4 (label first, ignored) fields, found 2",
                recs.get(0).get("detail").asText());
        r.release();
    }

    @Test
    void parquetNeedsNoLabelColumnAndIgnoresOne() throws IOException {
        StructType noLabel = new StructType().add("f1", DataTypes.DoubleType, true)
                .add("c", DataTypes.StringType, true).add("uid", DataTypes.LongType, false);
        String data = tmp.resolve("pq").toString();
        spark.createDataFrame(Arrays.asList(RowFactory.create(1.5, "a", 10L), RowFactory.create(null, null, 11L),
                RowFactory.create(Double.NaN, "b", 12L)), noLabel).coalesce(1).write().parquet(data);
        Schema s = Schema.builder().label("label").numeric(List.of("f1")).categorical(List.of("c"))
                .id(List.of("uid")).build();
        String q = tmp.resolve("q").toString();
        ReadResult r = InputReader.read(spark, scoring("parquet", data, s), q);
        assertEquals("struct<f1:double,c:string,uid:bigint>", r.good().schema().simpleString());
        assertEquals(List.of("[1.5,a,10]", "[null,null,11]"), rows(r, "uid"));
        List<JsonNode> recs = quarantine(q);
        assertEquals(1, recs.size());
        assertEquals("not_finite", recs.get(0).get("reason").asText());
        assertEquals("f1 given NaN; allowed: a finite number or null", recs.get(0).get("detail").asText());
        assertEquals("f1=NaN, c=b, uid=12", recs.get(0).get("raw").asText());
        r.release();

        // a label column of any type and value is ignored, not validated
        StructType withLabel = new StructType().add("label", DataTypes.StringType, true).add("f1", DataTypes.DoubleType, true)
                .add("c", DataTypes.StringType, true).add("uid", DataTypes.LongType, false);
        String labeled = tmp.resolve("pq-label").toString();
        spark.createDataFrame(Arrays.asList(RowFactory.create("yes", 1.5, "a", 10L), RowFactory.create(null, 2.0, "b", 11L)),
                withLabel).coalesce(1).write().parquet(labeled);
        ReadResult r2 = InputReader.read(spark, scoring("parquet", labeled, s), tmp.resolve("q2").toString());
        assertEquals(List.of("[1.5,a,10]", "[2.0,b,11]"), rows(r2, "uid"));
        assertEquals(0, r2.quarantined());
        r2.release();
    }
}
