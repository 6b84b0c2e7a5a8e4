package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Encoding layout and golden values, STANDARDIZE statistics, JSON round trip, distributed minibatches. */
class FeatureEncodingTest {

    static SparkSession spark;

    static final Schema SCHEMA = Schema.builder().label("label").numeric(List.of("n1", "n2"))
            .categorical(List.of("c1", "c2")).build();

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("FeatureEncodingTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> frame(List<Row> rows) {
        return spark.createDataFrame(rows, InputReader.textType(SCHEMA));
    }

    /** Expected bucket from Spark's independent MurmurHash3 implementation (reference-conformant variant). */
    static int sparkBucket(String key, int buckets) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return Math.floorMod(Murmur3_x86_32.hashUnsafeBytes2(b, Platform.BYTE_ARRAY_OFFSET, b.length, 0), buckets);
    }

    @Test
    void twoRowGoldenLayout() {
        List<Row> rows = List.of(RowFactory.create(1.0, 3.0, null, "a", null),
                RowFactory.create(0.0, -2.0, 0.0, "a", "b"));
        Dataset<Row> df = frame(rows);
        FeatureEncoding enc = FeatureEncoder.fit(df, SCHEMA, FeatureSpec.of(1000, NumericTransform.LOG1P));
        assertEquals(List.of("c1", "c2"), enc.categoricalFields());
        assertEquals(4, enc.numericInputs());
        MultiDataSet m = enc.encode(df.collectAsList());

        assertEquals(2, m.getFeatures().length);
        INDArray cat = m.getFeatures(0);
        INDArray num = m.getFeatures(1);
        INDArray lab = m.getLabels(0);
        assertEquals(DataType.FLOAT, cat.dataType());
        assertArrayEquals(new long[] {2, 2}, cat.shape());
        assertArrayEquals(new long[] {2, 4}, num.shape());
        assertArrayEquals(new long[] {2, 1}, lab.shape());
        float a1 = sparkBucket("c1\u0000a", 1000);
        float miss2 = sparkBucket("c2\u0001<missing>", 1000);
        float b2 = sparkBucket("c2\u0000b", 1000);
        assertArrayEquals(new float[] {a1, miss2, a1, b2}, cat.data().asFloat());
        // log1p by hand: log1p(3) = ln 4; signed for negatives: -log1p(2) = -ln 3; missing -> 0 and indicator 1
        assertArrayEquals(new float[] {(float) Math.log(4), 0f, 0f, 1f, (float) -Math.log(3), 0f, 0f, 0f},
                num.data().asFloat(), 1e-7f);
        assertArrayEquals(new float[] {1f, 0f}, lab.data().asFloat());
        // one shared table: the same value in two fields lands in different rows
        assertNotEquals(enc.bucket("c1", "a"), enc.bucket("c2", "a"));
        assertEquals(a1, enc.encodeRow(df.first()).getFeatures(0).getFloat(0), 0f);
    }

    @Test
    void withoutCategoricalsNumericsComeFirst() {
        Schema s = Schema.builder().label("label").numeric(List.of("n1", "n2")).build();
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(1.0, 1.0, 2.0)), InputReader.textType(s));
        FeatureEncoding enc = FeatureEncoder.fit(df, s, FeatureSpec.of(10, NumericTransform.NONE));
        MultiDataSet m = enc.encodeRow(df.first());
        assertEquals(1, m.getFeatures().length);
        assertArrayEquals(new float[] {1f, 2f, 0f, 0f}, m.getFeatures(0).data().asFloat());
    }

    static List<Row> randomRows(int n, long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Double n2 = rnd.nextInt(5) == 0 ? null : rnd.nextGaussian() * 40 + 7;
            rows.add(RowFactory.create((double) rnd.nextInt(2), (double) i, n2, "v" + rnd.nextInt(9),
                    rnd.nextInt(4) == 0 ? null : "w" + rnd.nextInt(3)));
        }
        return rows;
    }

    @Test
    void standardizeUsesMeanAndPopulationStdOfRawValues() {
        List<Row> rows = randomRows(60, 1);
        FeatureEncoding enc = FeatureEncoder.fit(frame(rows).repartition(3), SCHEMA,
                FeatureSpec.of(64, NumericTransform.STANDARDIZE));
        for (int k = 0; k < 2; k++) {
            double sum = 0;
            int count = 0;
            for (Row r : rows) {
                if (!r.isNullAt(1 + k)) {
                    sum += r.getDouble(1 + k);
                    count++;
                }
            }
            double mean = sum / count;
            double ss = 0;
            for (Row r : rows) {
                if (!r.isNullAt(1 + k)) {
                    ss += (r.getDouble(1 + k) - mean) * (r.getDouble(1 + k) - mean);
                }
            }
            assertEquals(mean, enc.means()[k], 1e-12 * Math.abs(mean));
            assertEquals(Math.sqrt(ss / count), enc.stds()[k], 1e-12 * Math.sqrt(ss / count));
        }
        double x = rows.get(5).getDouble(1);
        assertEquals((float) ((x - enc.means()[0]) / enc.stds()[0]),
                enc.encodeRow(frame(List.of(rows.get(5))).first()).getFeatures(1).getFloat(0, 0), 1e-6f);
    }

    @Test
    void jsonRoundTripIsExact() {
        FeatureEncoding std = FeatureEncoder.fit(frame(randomRows(30, 2)), SCHEMA,
                FeatureSpec.of(12345, NumericTransform.STANDARDIZE));
        FeatureEncoding back = FeatureEncoding.fromJson(std.toJson());
        assertEquals(std, back);
        assertArrayEquals(std.means(), back.means());
        assertEquals(std.toJson(), back.toJson());
        FeatureEncoding log = FeatureEncoder.fit(frame(randomRows(3, 3)), SCHEMA, FeatureSpec.defaults());
        assertEquals(log, FeatureEncoding.fromJson(log.toJson()));
        assertTrue(log.toJson().startsWith("{\"format\":\"sparkact.feature_encoding\",\"version\":1,"
                + "\"hash\":\"murmur3_x86_32\",\"hash_seed\":0,\"hash_buckets\":100000,\"numeric_transform\":\"log1p\""),
                log.toJson());
        assertNotEquals(std, log);
    }

    @Test
    void minibatchesAreCeilNOverBAndMatchEncodeRowWhateverThePartitioning() {
        List<Row> rows = randomRows(23, 4);
        FeatureEncoding enc = FeatureEncoder.fit(frame(rows), SCHEMA, FeatureSpec.of(50, NumericTransform.LOG1P));
        for (int partitions : new int[] {1, 3, 7}) {
            Dataset<Row> df = frame(rows).repartition(partitions).persist();
            List<Row> ordered = df.collectAsList();
            List<String> expected = new ArrayList<>();
            for (Row r : ordered) {
                expected.add(rowKey(enc.encodeRow(r), 0));
            }
            List<MultiDataSet> batches = enc.toMultiDataSets(df, 5).collect();
            assertEquals(5, batches.size(), "partitions " + partitions);
            Set<Integer> seen = new HashSet<>();
            int total = 0;
            for (MultiDataSet b : batches) {
                int size = (int) b.getLabels(0).size(0);
                total += size;
                int k = findWindow(b, size, expected);
                assertTrue(k >= 0 && seen.add(k), "batch not a window of 5 consecutive rows, partitions " + partitions);
                assertEquals(k == 4 ? 3 : 5, size);
            }
            assertEquals(23, total);
            df.unpersist();
        }
    }

    private static int findWindow(MultiDataSet b, int size, List<String> expected) {
        for (int k = 0; k * 5 < expected.size(); k++) {
            boolean all = k * 5 + size <= expected.size();
            for (int i = 0; all && i < size; i++) {
                all = expected.get(k * 5 + i).equals(rowKey(b, i));
            }
            if (all) {
                return k;
            }
        }
        return -1;
    }

    private static String rowKey(MultiDataSet m, int i) {
        return Arrays.toString(m.getFeatures(0).getRow(i).toFloatVector())
                + Arrays.toString(m.getFeatures(1).getRow(i).toFloatVector()) + m.getLabels(0).getFloat(i, 0);
    }
}
