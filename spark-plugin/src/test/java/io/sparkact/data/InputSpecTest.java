package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec validation (exact messages) and the field-level parsing rules, without Spark. */
class InputSpecTest {

    @Test
    void invalidSettingsNameTheKeyValueAndWhatIsAllowed() {
        assertEquals("input.format given invalid value 'tsv'; allowed: parquet, criteo, csv",
                assertThrows(InputException.class, () -> InputSpec.builder().format("tsv")).getMessage());
        assertEquals("input.max_bad_fraction given invalid value 1.5; allowed: 0 <= value <= 1",
                assertThrows(InputException.class,
                        () -> InputSpec.builder().path("x").maxBadFraction(1.5).build()).getMessage());
        assertEquals("input.schema.delimiter given invalid value ';;'; allowed: a single character other than"
                        + " a double quote or a line break",
                assertThrows(InputException.class, () -> Schema.builder().delimiter(";;")).getMessage());
        assertEquals("input.schema.categorical given invalid value 'a'; allowed: each column in at most one role"
                        + " (label, numeric, categorical, sequence, id)",
                assertThrows(InputException.class, () -> Schema.builder().numeric(List.of("a"))
                        .categorical(List.of("a")).build()).getMessage());
        assertEquals("features.hash_buckets given invalid value 1; allowed: 2 <= value <= 268435456",
                assertThrows(InputException.class, () -> FeatureSpec.of(1, NumericTransform.LOG1P)).getMessage());
        assertEquals("features.numeric_transform given invalid value 'zscore'; allowed: log1p, standardize, none",
                assertThrows(InputException.class,
                        () -> NumericTransform.parse("features.numeric_transform", "zscore")).getMessage());
    }

    @Test
    void onlyScoringAcceptsASchemaWithoutLabel() {
        Schema none = Schema.builder().label("").numeric(List.of("x")).id(List.of("uid")).build();
        assertEquals(false, none.hasLabel());
        assertEquals(List.of("x", "uid"), none.columns());
        assertEquals("input.schema.label given invalid value ''; allowed: a non-empty column name (training needs a"
                        + " 0/1 label; only score reads rows without one)",
                assertThrows(InputException.class, () -> InputSpec.builder().path("x").schema(none).build()).getMessage());
        InputSpec score = InputSpec.builder().path("x").schema(none).purpose(ReadPurpose.SCORE).build();
        assertEquals(List.of("x", "uid"), score.readColumns());
        // with a label configured, scoring still reads every column but the label
        Schema labeled = Schema.builder().label("y").numeric(List.of("x")).build();
        assertEquals(List.of("x"), InputSpec.builder().path("p").schema(labeled).purpose(ReadPurpose.SCORE).build()
                .readColumns());
        assertEquals(List.of("y", "x"), InputSpec.builder().path("p").schema(labeled).build().readColumns());
    }

    @Test
    void criteoHasItsFixedSchemaAndDefaultsApply() {
        InputSpec s = InputSpec.builder().format("CRITEO").path("/data").build();
        assertEquals(40, s.schema().columns().size());
        assertEquals("I13", s.schema().numeric().get(12));
        assertEquals("C26", s.schema().categorical().get(25));
        assertEquals('\t', s.schema().delimiter());
        assertEquals(false, s.schema().header());
        assertEquals(0.001, s.maxBadFraction());
        assertEquals(FeatureSpec.DEFAULT_HASH_BUCKETS, FeatureSpec.defaults().hashBuckets());
    }

    @Test
    void numericRules() throws Rejection {
        assertEquals(2.5, FieldRules.numeric("x", " 2.5 ", false));
        assertEquals(-3e2, FieldRules.numeric("x", "-3E2", false));
        assertNull(FieldRules.numeric("x", "", false));
        assertEquals(-2.0, FieldRules.numeric("I2", "-2", true));
        assertReason(BadReason.NOT_NUMERIC, () -> FieldRules.numeric("x", "1d", false));
        assertReason(BadReason.NOT_NUMERIC, () -> FieldRules.numeric("x", "abc", false));
        assertReason(BadReason.NOT_NUMERIC, () -> FieldRules.numeric("I1", "1.5", true));
        assertReason(BadReason.NOT_FINITE, () -> FieldRules.numeric("x", "NaN", false));
        assertReason(BadReason.NOT_FINITE, () -> FieldRules.numeric("x", "-Infinity", false));
        assertReason(BadReason.NOT_FINITE, () -> FieldRules.numeric("I1", "inf", true));
        assertReason(BadReason.OVERFLOW, () -> FieldRules.numeric("x", "1e400", false));
        assertReason(BadReason.OVERFLOW, () -> FieldRules.numeric("I1", "9223372036854775808", true));
        assertEquals("x given 'abc'; allowed: a number or empty",
                assertThrows(Rejection.class, () -> FieldRules.numeric("x", "abc", false)).getMessage());
    }

    @Test
    void labelRules() throws Rejection {
        assertEquals(1.0, FieldRules.label("y", "1"));
        assertEquals(0.0, FieldRules.label("y", "0.0"));
        assertReason(BadReason.MISSING_LABEL, () -> FieldRules.label("y", " "));
        assertReason(BadReason.BAD_LABEL, () -> FieldRules.label("y", "2"));
        assertReason(BadReason.BAD_LABEL, () -> FieldRules.label("y", "yes"));
    }

    @Test
    void csvSplittingFollowsRfc4180Quotes() throws Rejection {
        assertEquals(List.of("a", "b,c", "say \"hi\"", ""), LineSplitter.split("a,\"b,c\",\"say \"\"hi\"\"\",", ',', true));
        assertEquals(List.of("", "", ""), LineSplitter.split(",,", ',', true));
        assertEquals(List.of("a\"b", "c"), LineSplitter.split("a\"b,c", ',', true));
        assertEquals(List.of("\"a\"", "b"), LineSplitter.split("\"a\"\tb", '\t', false));
        assertReason(BadReason.UNPARSEABLE, () -> LineSplitter.split("a,\"b", ',', true));
        assertReason(BadReason.UNPARSEABLE, () -> LineSplitter.split("\"a\"x,b", ',', true));
    }

    interface Call {
        void run() throws Rejection;
    }

    private static void assertReason(BadReason expected, Call call) {
        Rejection r = assertThrows(Rejection.class, call::run);
        assertEquals(expected, r.reason, r.getMessage());
    }
}
