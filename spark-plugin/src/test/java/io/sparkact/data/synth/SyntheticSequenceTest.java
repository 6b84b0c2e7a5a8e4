package io.sparkact.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sequence = on}: the behaviour columns, their determinism, and that relevance drives the truth. */
class SyntheticSequenceTest {

    private static SparkSession spark;
    private static final SynthSpec SPEC = SynthSpec.builder().rows(4_000).seed(5).numericFields(2)
            .categoricalFields(3).sequence(true).build();

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SyntheticSequenceTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> sorted(SynthSpec spec) {
        return SyntheticData.generate(spark, spec).orderBy(SyntheticData.ID).collectAsList();
    }

    @Test
    void schemaHasCandidateAndHistoryColumns() {
        Dataset<Row> d = SyntheticData.generate(spark, SPEC.toBuilder().rows(10).build());
        assertEquals(Arrays.asList("id", "label", "I1", "I2", "C1", "C2", "C3", "item", "item_cat", "hist_item",
                "hist_cat", "p", "is_valid"), Arrays.asList(d.columns()));
        assertEquals("array<string>", d.schema().apply("hist_item").dataType().simpleString());
    }

    @Test
    void historiesAreAlignedAndOneToFiftyLong() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Row r : sorted(SPEC)) {
            List<String> items = r.getList(r.fieldIndex("hist_item"));
            List<String> cats = r.getList(r.fieldIndex("hist_cat"));
            assertEquals(items.size(), cats.size());
            min = Math.min(min, items.size());
            max = Math.max(max, items.size());
            assertTrue(r.getString(r.fieldIndex("item")).matches("[0-9a-f]{8}"));
        }
        // uniform 1..50 over 4,000 rows: both ends are hit with probability 1 - (49/50)^4000
        assertEquals(1, min);
        assertEquals(50, max);
    }

    @Test
    void sameRowsWhateverThePartitioning() {
        SynthSpec spec = SPEC.toBuilder().rows(1_500).build();
        assertEquals(sorted(spec.toBuilder().partitions(1).build()), sorted(spec.toBuilder().partitions(5).build()));
    }

    @Test
    void theOtherColumnsDoNotChangeWhenTheSequenceIsSwitchedOn() {
        SynthSpec on = SPEC.toBuilder().rows(300).build();
        List<Row> a = sorted(on);
        List<Row> b = sorted(on.toBuilder().sequence(false).build());
        for (int i = 0; i < a.size(); i++) {
            for (String c : List.of("I1", "I2", "C1", "C2", "C3")) {
                assertEquals(b.get(i).getAs(c), (Object) a.get(i).getAs(c), "row " + i + " column " + c);
            }
        }
    }

    /**
     * The oracle's lean pass ({@code truthRows}: is_valid, label, p) must see the labels and probabilities of
     * the written rows (id, label, ..., p, is_valid), with and without a sequence.
     */
    @Test
    void truthRowsMatchTheFullRows() {
        for (SynthSpec spec : List.of(SPEC, SPEC.toBuilder().sequence(false).build())) {
            SyntheticRows rows = new SyntheticRows(spec);
            List<Long> ids = LongStream.range(0, 500).boxed().collect(Collectors.toList());
            Iterator<Row> full = rows.rows(ids.iterator());
            Iterator<Row> lean = rows.truthRows(ids.iterator());
            int clicks = 0;
            while (full.hasNext()) {
                Row f = full.next();
                Row t = lean.next();
                int last = f.length() - 1;
                assertEquals(f.get(last), t.get(0), "is_valid");
                assertEquals(f.get(1), t.get(1), "label");
                assertEquals(f.get(last - 1), t.get(2), "p");
                clicks += t.getInt(1);
            }
            assertFalse(lean.hasNext());
            assertTrue(clicks > 0 && clicks < 500, "clicks " + clicks);
        }
    }

    /**
     * Hand-derived: a history made of the candidate itself has u·u = 1 for each item, so R = number of
     * items and log1p(R) = ln(1 + n). Items of another category contribute exp(8(u·v − 1)) &lt; 1.
     */
    @Test
    void rawRelevanceOfRepeatsIsLogOnePlusCount() {
        BehaviourModel m = new BehaviourModel(5);
        int item = 3 * BehaviourModel.ITEMS_PER_CATEGORY + 7;
        assertEquals(Math.log(2), m.rawRelevance(new BehaviourModel.Behaviour(new int[] {item}, item)), 1e-12);
        assertEquals(Math.log(4), m.rawRelevance(new BehaviourModel.Behaviour(new int[] {item, item, item}, item)),
                1e-12);
        int other = 150 * BehaviourModel.ITEMS_PER_CATEGORY;
        assertTrue(m.rawRelevance(new BehaviourModel.Behaviour(new int[] {other}, item)) < Math.log(1.01));
        int sameCategory = 3 * BehaviourModel.ITEMS_PER_CATEGORY + 50;
        double r = m.rawRelevance(new BehaviourModel.Behaviour(new int[] {sameCategory}, item));
        assertTrue(r > Math.log(1.05) && r < Math.log(2), "same-category relevance " + r);
    }

    @Test
    void relevantCandidatesClickMoreOften() {
        BehaviourModel m = new BehaviourModel(9);
        SplittableRandom rng = new SplittableRandom(1);
        double[] raw = new double[5_000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = m.rawRelevance(m.draw(rng));
        }
        m.calibrate(raw);
        BehaviourModel.Behaviour repeat = new BehaviourModel.Behaviour(new int[] {5, 5, 5}, 5);
        BehaviourModel.Behaviour unrelated = new BehaviourModel.Behaviour(new int[] {5, 5, 5},
                199 * BehaviourModel.ITEMS_PER_CATEGORY);
        assertTrue(m.term(repeat) - m.term(unrelated) > 1.0, "term difference " + (m.term(repeat) - m.term(unrelated)));
    }

    @Test
    void criteoFormatIsRefusedWithASequence(@TempDir Path dir) throws IOException {
        SynthSpec spec = SynthSpec.builder().rows(10).sequence(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.write(spark, spec, dir.toString(), SyntheticData.Format.CRITEO));
        assertEquals("generate parameter format given invalid value criteo; allowed: parquet when sequence = on "
                + "(Criteo's fixed layout has no behaviour-sequence columns)", e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    /**
     * The Parquet files keep the histories as arrays. Written through {@link SplitWriter} alone: the oracle's
     * metrics (several more Spark jobs, a minute on loaded shared cores) are the same code with or without a
     * sequence and are covered by SyntheticWriteTest and by the generate runs of the jobs tests.
     */
    @Test
    void parquetOutputHoldsArrayColumns(@TempDir Path dir) throws IOException {
        SynthSpec spec = SPEC.toBuilder().rows(300).partitions(1).build();
        SplitWriter.write(spark, SyntheticData.filesOf(SyntheticData.generate(spark, spec), spec,
                SyntheticData.Format.PARQUET), dir.toString(), "parquet");
        Dataset<Row> train = spark.read().parquet(dir.resolve("train").toString());
        assertEquals("array<string>", train.schema().apply("hist_item").dataType().simpleString());
        assertEquals("array<string>", train.schema().apply("hist_cat").dataType().simpleString());
        assertEquals(300, train.count() + spark.read().parquet(dir.resolve("valid").toString()).count());
    }
}
