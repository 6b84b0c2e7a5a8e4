package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The sequence part of the encoding layout (FeatureEncoding javadoc): ids hashed into their candidate's buckets,
 * the most recent L kept, columns aligned at the recent end, padding masked; and the schema keys' rules.
 * Expected buckets come from {@link FeatureEncoding#bucket} of the candidate field, the documented rule.
 */
class SequenceEncodingTest {

    private static final StructType TYPE = new StructType().add("label", DataTypes.DoubleType)
            .add("item", DataTypes.StringType).add("hist", DataTypes.StringType).add("hcat", DataTypes.StringType)
            .add("cat", DataTypes.StringType);

    private static FeatureEncoding encoding() {
        return new FeatureEncoding(1000, NumericTransform.NONE, "label", List.of("item", "cat"), List.of(), List.of(),
                null, null, List.of("hist", "hcat"), List.of("item", "cat"), 3);
    }

    private static Row row(String item, String hist, String hcat) {
        return new GenericRowWithSchema(new Object[] {1.0, item, hist, hcat, "k"}, TYPE);
    }

    @Test
    void keepsTheMostRecentIdsAlignsColumnsAndMasksPadding() {
        FeatureEncoding e = encoding();
        MultiDataSet m = e.encode(List.of(row("a", "x|y|z|w", "p|q"), row("b", null, "")));
        float[] cat = m.getFeatures(0).ravel().toFloatVector();
        float[] mask = m.getFeaturesMaskArray(0).ravel().toFloatVector();
        assertEquals(2 + 3 * 2, m.getFeatures(0).columns());
        // row 0: kept hist y, z, w (x dropped); hcat aligned at the end: (missing), p, q
        float[] expected0 = {e.bucket("item", "a"), e.bucket("cat", "k"),
            e.bucket("item", "y"), e.bucket("cat", null), e.bucket("item", "z"), e.bucket("cat", "p"),
            e.bucket("item", "w"), e.bucket("cat", "q")};
        float[] got0 = new float[8];
        System.arraycopy(cat, 0, got0, 0, 8);
        assertArrayEquals(expected0, got0);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, mask);
    }

    @Test
    void schemaRulesNameTheKey() {
        InputException e = assertThrows(InputException.class, () -> Schema.builder().categorical(List.of("a"))
                .sequence(List.of("s", "t")).sequenceCandidate(List.of("a")).build());
        assertEquals("input.schema.sequence_candidate given invalid value [a]; allowed: [] or one categorical column "
                + "per input.schema.sequence column [s, t]", e.getMessage());
        e = assertThrows(InputException.class, () -> Schema.builder().categorical(List.of("a"))
                .sequence(List.of("s")).sequenceCandidate(List.of("b")).build());
        assertEquals("input.schema.sequence_candidate given invalid value 'b'; allowed: distinct columns of "
                + "input.schema.categorical [a]", e.getMessage());
        e = assertThrows(InputException.class, () -> Schema.builder().maxSequenceLength(0).build());
        assertEquals("input.schema.max_sequence_length given invalid value 0; allowed: 1 <= value <= 1000",
                e.getMessage());
    }

    @Test
    void jsonRoundTripKeepsTheSequenceFields() {
        FeatureEncoding e = encoding();
        FeatureEncoding back = FeatureEncoding.fromJson(e.toJson());
        assertEquals(e, back);
        assertEquals(List.of("item", "cat"), back.candidateFields());
        assertEquals(3, back.maxSequenceLength());
    }
}
