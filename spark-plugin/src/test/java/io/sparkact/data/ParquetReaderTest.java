package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** Parquet input: canonical schema, quarantine of bad labels and non-finite numerics, column checks. */
class ParquetReaderTest {

    static SparkSession spark;

    @TempDir
    static Path tmp;

    static String data;

    static final StructType TYPE = new StructType()
            .add("label", DataTypes.IntegerType, true)
            .add("f1", DataTypes.DoubleType, true)
            .add("f2", DataTypes.LongType, true)
            .add("c", DataTypes.StringType, true)
            .add("uid", DataTypes.LongType, false)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType), true);

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("ParquetReaderTest");
        List<Row> rows = Arrays.asList(
                RowFactory.create(1, 1.5, 3L, "a", 10L, new String[] {"x", "y"}),
                RowFactory.create(0, null, null, null, 11L, null),
                RowFactory.create(null, 1.0, 1L, "b", 12L, null),
                RowFactory.create(2, 1.0, 1L, "b", 13L, null),
                RowFactory.create(1, Double.NaN, 1L, "b", 14L, null),
                RowFactory.create(0, Double.POSITIVE_INFINITY, 1L, "b", 15L, null),
                RowFactory.create(1, Double.NEGATIVE_INFINITY, 1L, "b", 16L, null));
        data = tmp.resolve("pq").toString();
        // two files, so that the quarantine's file column has something to tell apart
        spark.createDataFrame(rows, TYPE).repartition(2).write().parquet(data);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static InputSpec spec(List<String> numeric, List<String> categorical) {
        Schema s = Schema.builder().label("label").numeric(numeric).categorical(categorical)
                .sequence(List.of("tags")).id(List.of("uid")).build();
        return InputSpec.builder().format("parquet").path(data).maxBadFraction(1).schema(s).build();
    }

    @Test
    void goodRowsCanonicalAndBadRowsQuarantined() throws IOException {
        String q = tmp.resolve("q").toString();
        ReadResult r = InputReader.read(spark, spec(List.of("f1", "f2"), List.of("c")), q);
        assertEquals(7, r.read());
        assertEquals(2, r.used());
        assertEquals(5, r.quarantined());
        assertEquals("struct<label:double,f1:double,f2:double,c:string,tags:string,uid:bigint>",
                r.good().schema().simpleString());
        List<Row> good = r.good().orderBy("uid").collectAsList();
        assertEquals("[1.0,1.5,3.0,a,x|y,10]", good.get(0).toString());
        assertEquals("[0.0,null,null,null,null,11]", good.get(1).toString());

        List<JsonNode> recs = new ArrayList<>(InputReaderTest.quarantine(q));
        recs.sort(Comparator.comparing(n -> n.get("raw").asText()));
        List<String> reasons = new ArrayList<>();
        for (JsonNode n : recs) {
            reasons.add(n.get("reason").asText());
            assertTrue(n.get("file").asText().contains("/pq/part-"), n.toString());
            assertTrue(!n.has("offset"), "Parquet has no position: " + n);
        }
        // sorted by raw text: label=0 (+Inf), label=1 (-Inf), label=1 (NaN), label=2, label=null
        assertEquals(List.of("not_finite", "not_finite", "not_finite", "bad_label", "missing_label"), reasons);
        assertEquals("label=2, f1=1.0, f2=1, c=b, tags=null, uid=13", recs.get(3).get("raw").asText());
        assertEquals("f1 given NaN; allowed: a finite number or null", recs.get(2).get("detail").asText());
        r.release();
    }

    @Test
    void missingOrUnusableColumnsAreNamed() {
        String q = tmp.resolve("q2").toString();
        InputException missing = assertThrows(InputException.class,
                () -> InputReader.read(spark, spec(List.of("f1", "zzz"), List.of("c")), q));
        assertTrue(missing.getMessage().matches("Parquet input file file:.*/pq/part-.*\\.parquet has no column 'zzz'"),
                missing.getMessage());
        // one file of two lacks column c: named, instead of c silently read as null there
        String other = tmp.resolve("pq-no-c").toString();
        spark.createDataFrame(List.of(RowFactory.create(1, 1.0, 1L, 20L, null)),
                new StructType(Arrays.stream(TYPE.fields()).filter(f -> !f.name().equals("c"))
                        .toArray(org.apache.spark.sql.types.StructField[]::new))).coalesce(1).write().parquet(other);
        Schema s = Schema.builder().numeric(List.of("f1")).categorical(List.of("c")).build();
        InputException partly = assertThrows(InputException.class, () -> InputReader.read(spark,
                InputSpec.builder().path(data).path(other).schema(s).build(), q));
        assertTrue(partly.getMessage().matches("Parquet input file file:.*/pq-no-c/part-.* has no column 'c'"),
                partly.getMessage());
        InputException type = assertThrows(InputException.class,
                () -> InputReader.read(spark, spec(List.of("c"), List.of()), q));
        assertEquals("Parquet input [" + data + "]: numeric column 'c' has type string; allowed: a numeric type",
                type.getMessage());
    }
}
