package io.sparkact.data.synth;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation on Spark: schema, determinism across partitionings, and the distributions asked for. */
class SyntheticDataTest {

    private static SparkSession spark;
    /** 50k default-shaped rows, generated once and cached for the statistical checks. */
    private static Dataset<Row> big;
    private static final SynthSpec BIG = SynthSpec.builder().rows(50_000).seed(11).build();

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SyntheticDataTest");
        big = SyntheticData.generate(spark, BIG).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> sorted(SynthSpec spec) {
        return SyntheticData.generate(spark, spec).orderBy(SyntheticData.ID).collectAsList();
    }

    @Test
    void schemaHasTheDocumentedColumns() {
        SynthSpec spec = SynthSpec.builder().rows(10).numericFields(2).categoricalFields(3).build();
        String[] names = SyntheticData.generate(spark, spec).columns();
        assertEquals(Arrays.asList("id", "label", "I1", "I2", "C1", "C2", "C3", "p", "is_valid"),
                Arrays.asList(names));
        Row r = SyntheticData.generate(spark, spec).first();
        assertTrue(r.getString(4) == null || r.getString(4).matches("[0-9a-f]{8}"), r.toString());
    }

    @Test
    void sameSeedSameRowsWhateverThePartitioning() {
        SynthSpec spec = SynthSpec.builder().rows(3_000).seed(3).build();
        List<Row> one = sorted(spec.toBuilder().partitions(1).build());
        List<Row> three = sorted(spec.toBuilder().partitions(3).build());
        List<Row> eight = sorted(spec.toBuilder().partitions(8).build());
        assertEquals(3_000, one.size());
        assertEquals(one, three);      // Row equality compares every column, p included
        assertEquals(one, eight);
        assertEquals(2_999L, one.get(2_999).getLong(0));
    }

    @Test
    void differentSeedsGiveDifferentRows() {
        SynthSpec spec = SynthSpec.builder().rows(200).seed(3).build();
        List<Row> a = sorted(spec);
        List<Row> b = sorted(spec.toBuilder().seed(4).build());
        long samePs = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).getDouble(a.get(i).fieldIndex("p")) == b.get(i).getDouble(b.get(i).fieldIndex("p"))) {
                samePs++;
            }
        }
        assertEquals(0, samePs);
        assertNotEquals(a.get(0).getString(a.get(0).fieldIndex("C5")), b.get(0).getString(b.get(0).fieldIndex("C5")));
    }

    @Test
    void clickRateAndValidFractionAreOnTarget() {
        Row r = big.selectExpr("avg(label)", "avg(p)", "avg(cast(is_valid as int))").first();
        System.out.printf("50k rows: observed click rate %.5f, mean p %.5f, valid fraction %.4f%n",
                r.getDouble(0), r.getDouble(1), r.getDouble(2));
        assertEquals(BIG.clickRate(), r.getDouble(0), 0.01);
        assertEquals(BIG.clickRate(), r.getDouble(1), 0.01);
        // binomial SD of the fraction at 50k rows is 0.0018: 0.01 is > 5 SDs
        assertEquals(BIG.validFraction(), r.getDouble(2), 0.01);
    }

    @Test
    void observedMissingRateMatchesTheSpec() {
        StringBuilder nulls = new StringBuilder("0");
        for (int j = 1; j <= 13; j++) {
            nulls.append(" + cast(I").append(j).append(" is null as int)");
        }
        for (int j = 1; j <= 26; j++) {
            nulls.append(" + cast(C").append(j).append(" is null as int)");
        }
        double rate = big.selectExpr("avg(" + nulls + ") / 39").first().getDouble(0);
        System.out.printf("observed missing rate %.5f (spec %.2f)%n", rate, BIG.missingRate());
        // 1.95M Bernoulli(0.05) cells: SD 0.00016
        assertEquals(BIG.missingRate(), rate, 0.002);
    }

    @Test
    void numericValuesAreNonNegativeHeavyTailedCounts() {
        Row r = big.selectExpr("min(I3)", "percentile_approx(I3, 0.5)", "max(I3)").first();
        assertTrue(r.getInt(0) >= 0);
        // heavy tail: the largest count is far beyond the median
        assertTrue(r.getInt(2) > 20 * Math.max(1, r.getInt(1)), r.toString());
    }

    @Test
    void highCardinalityIdsAreZipfDistributed() {
        // C3 has 100,000 values; with s = 1.1 the top id has P = 1/sum k^-1.1 ~ 0.1
        List<Row> counts = big.filter(col("C3").isNotNull()).groupBy("C3").count()
                .orderBy(col("count").desc()).collectAsList();
        long top = counts.get(0).getLong(1);
        long median = counts.get(counts.size() / 2).getLong(1);
        System.out.printf("C3: %d distinct ids, top count %d, median count %d%n", counts.size(), top, median);
        assertTrue(top > 3_000, "top id count " + top);
        assertTrue(top >= 500 * median, "top " + top + " vs median " + median);
        assertTrue(counts.size() > 5_000, "distinct ids " + counts.size());
    }
}
