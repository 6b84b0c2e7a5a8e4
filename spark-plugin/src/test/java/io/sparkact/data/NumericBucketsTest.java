package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Numeric buckets (FeatureEncoding javadoc): edges from the quantiles of the raw training values, the bucket rule
 * #{edges <= x}, the column layout (after the categorical fields, before a sequence), the manifest JSON and the
 * features.numeric_buckets rule. Expected hash rows come from Spark's own MurmurHash3 (FeatureEncodingTest).
 */
class NumericBucketsTest {

    static SparkSession spark;

    /** n1: 45 zeros, 35 ones, 20 fives (ties, as counts have); n2: always missing. */
    static final Schema SCHEMA = Schema.builder().label("label").numeric(List.of("n1", "n2"))
            .categorical(List.of("c1")).build();

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("NumericBucketsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> tiedCounts() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double n1 = i < 45 ? 0 : i < 80 ? 1 : 5;
            rows.add(RowFactory.create((double) (i % 2), n1, null, "v" + (i % 3)));
        }
        return spark.createDataFrame(rows, InputReader.textType(SCHEMA)).repartition(3);
    }

    @Test
    void edgesAreTheDistinctQuantilesOfTheRawValues() {
        FeatureEncoding enc = FeatureEncoder.fit(tiedCounts(), SCHEMA, FeatureSpec.of(1000, NumericTransform.LOG1P, 4));
        assertTrue(enc.bucketsNumerics());
        // quartiles of 45 x 0, 35 x 1, 20 x 5 (ranks 25, 50, 75 of 100): 0, 1, 1 -> distinct {0, 1}
        assertArrayEquals(new double[] {0, 1}, enc.bucketEdges(0));
        // an all-missing field has no quantiles: no edges, every present value would be bucket 0
        assertArrayEquals(new double[0], enc.bucketEdges(1));
        // bucket = how many edges are <= x
        assertEquals(0, enc.numericBucket(0, -1));
        assertEquals(1, enc.numericBucket(0, 0));
        assertEquals(1, enc.numericBucket(0, 0.5));
        assertEquals(2, enc.numericBucket(0, 1));
        assertEquals(2, enc.numericBucket(0, 5));
        assertEquals(0, enc.numericBucket(1, 7));
    }

    @Test
    void bucketColumnsFollowTheCategoricalFieldsAndMinibatchesAgree() {
        Dataset<Row> df = tiedCounts().cache();
        FeatureEncoding enc = FeatureEncoder.fit(df, SCHEMA, FeatureSpec.of(1000, NumericTransform.LOG1P, 4));
        assertEquals(3, enc.fieldInputs());
        assertEquals(3, enc.categoricalInputs());
        Row r = df.collectAsList().stream().filter(x -> x.getDouble(1) == 5).findFirst().orElseThrow();
        MultiDataSet m = enc.encodeRow(r);
        float[] cat = m.getFeatures(0).toFloatVector();
        assertArrayEquals(new float[] {FeatureEncodingTest.sparkBucket("c1\u0000" + r.getString(3), 1000),
            FeatureEncodingTest.sparkBucket("n1\u00022", 1000),
            FeatureEncodingTest.sparkBucket("n2\u0001<missing>", 1000)}, cat);
        // the numeric input is unchanged: log1p(5) and the missing indicator of n2
        assertArrayEquals(new float[] {(float) Math.log(6), 0f, 0f, 1f}, m.getFeatures(1).toFloatVector(), 1e-7f);
        List<Row> all = df.collectAsList();
        List<MultiDataSet> batches = enc.toMultiDataSets(df, 16).collect();
        MultiDataSet whole = enc.encode(all);
        int at = 0;
        for (MultiDataSet b : batches) {
            int n = (int) b.getFeatures(0).size(0);
            for (int i = 0; i < n; i++, at++) {
                assertArrayEquals(whole.getFeatures(0).getRow(at).toFloatVector(), b.getFeatures(0).getRow(i).toFloatVector());
            }
        }
        assertEquals(100, at);
        df.unpersist();
    }

    @Test
    void withASequenceTheBucketsComeBeforeTheHistoryAndAreUnmasked() {
        StructType type = new StructType().add("label", DataTypes.DoubleType).add("item", DataTypes.StringType)
                .add("hist", DataTypes.StringType).add("n", DataTypes.DoubleType);
        FeatureEncoding e = new FeatureEncoding(1000, NumericTransform.NONE, "label", List.of("item"), List.of("n"),
                List.of(), null, null, List.of("hist"), List.of("item"), 2, new double[][] {{10}});
        MultiDataSet m = e.encode(List.of(new GenericRowWithSchema(new Object[] {1.0, "a", "x", 12.0}, type)));
        assertArrayEquals(new float[] {e.bucket("item", "a"), e.numericBucketRow(0, 12.0), e.bucket("item", "x"), 0f},
                m.getFeatures(0).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1, 0}, m.getFeaturesMaskArray(0).toFloatVector());
        assertEquals(FeatureEncodingTest.sparkBucket("n\u00021", 1000), e.numericBucketRow(0, 12.0));
    }

    @Test
    void jsonKeepsTheEdgesAndAnOldManifestHasNone() {
        FeatureEncoding enc = FeatureEncoder.fit(tiedCounts(), SCHEMA, FeatureSpec.of(1000, NumericTransform.LOG1P, 4));
        FeatureEncoding back = FeatureEncoding.fromJson(enc.toJson());
        assertEquals(enc, back);
        assertTrue(enc.toJson().endsWith(",\"numeric_bucket_edges\":[[0.0,1.0],[]]}"), enc.toJson());
        FeatureEncoding off = FeatureEncoder.fit(tiedCounts(), SCHEMA, FeatureSpec.of(1000, NumericTransform.LOG1P, 0));
        assertFalse(off.toJson().contains("numeric_bucket_edges"));
        assertFalse(FeatureEncoding.fromJson(off.toJson()).bucketsNumerics());
        assertEquals(1, off.fieldInputs());
    }

    @Test
    void theKeyRuleNamesKeyValueAndRange() {
        assertEquals(FeatureSpec.DEFAULT_NUMERIC_BUCKETS, FeatureSpec.defaults().numericBuckets());
        assertEquals("features.numeric_buckets given invalid value -1; allowed: 0 (off) <= value <= 10000",
                assertThrows(InputException.class, () -> FeatureSpec.of(10, NumericTransform.LOG1P, -1)).getMessage());
        assertEquals("features.numeric_buckets given invalid value 10001; allowed: 0 (off) <= value <= 10000",
                assertThrows(InputException.class, () -> FeatureSpec.of(10, NumericTransform.LOG1P, 10001)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureEncoding(10, NumericTransform.NONE, "label",
                List.of(), List.of("n"), List.of(), null, null, List.of(), List.of(), 1, new double[][] {{2, 1}}));
    }
}
