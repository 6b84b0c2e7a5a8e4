package io.sparkact.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SynthSpecTest {

    @Test
    void defaults() {
        SynthSpec s = SynthSpec.defaults();
        assertEquals(1_000_000L, s.rows());
        assertEquals(0.2, s.validFraction());
        assertEquals(42L, s.seed());
        assertEquals(13, s.numericFields());
        assertEquals(26, s.categoricalFields());
        assertEquals(1.1, s.zipfExponent());
        assertEquals(0.1, s.clickRate());
        assertEquals(0.05, s.missingRate());
        assertEquals(4, s.latentDim());
        assertEquals(0, s.partitions());
        assertArrayEquals(SynthSpec.DEFAULT_CARDINALITIES, s.cardinalities());
        // the spread: some tiny, some ~1000, some at the 100k cap
        assertEquals(3, s.cardinality(8));
        assertEquals(100_000, s.cardinality(2));
    }

    @Test
    void cardinalitiesOneForAllPerFieldAndCycledDefault() {
        assertArrayEquals(new int[] {7, 7, 7},
                SynthSpec.builder().categoricalFields(3).cardinalities(7).build().cardinalities());
        assertArrayEquals(new int[] {5, 6},
                SynthSpec.builder().categoricalFields(2).cardinalities(5, 6).build().cardinalities());
        int[] cycled = SynthSpec.builder().categoricalFields(28).build().cardinalities();
        assertEquals(SynthSpec.DEFAULT_CARDINALITIES[0], cycled[26]);
        assertEquals(SynthSpec.DEFAULT_CARDINALITIES[1], cycled[27]);
    }

    @Test
    void toBuilderRoundTripAndEquality() {
        SynthSpec s = SynthSpec.builder().rows(10).seed(7).categoricalFields(2).cardinalities(3, 4).build();
        assertEquals(s, s.toBuilder().build());
        assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
        assertEquals(7L, s.asMap().get("seed"));
    }

    @Test
    void eachBadFieldNamesItsKeyValueAndRule() {
        bad(b -> b.rows(0), "rows given invalid value 0; allowed: rows >= 1");
        bad(b -> b.validFraction(0), "valid_fraction given invalid value 0; allowed: 0 < valid_fraction < 1");
        bad(b -> b.validFraction(1), "valid_fraction given invalid value 1; allowed: 0 < valid_fraction < 1");
        bad(b -> b.validFraction(Double.NaN),
                "valid_fraction given invalid value NaN; allowed: 0 < valid_fraction < 1");
        bad(b -> b.numericFields(-1), "numeric_fields given invalid value -1; allowed: 0 <= numeric_fields <= 100");
        bad(b -> b.numericFields(101),
                "numeric_fields given invalid value 101; allowed: 0 <= numeric_fields <= 100");
        bad(b -> b.categoricalFields(101),
                "categorical_fields given invalid value 101; allowed: 0 <= categorical_fields <= 100");
        bad(b -> b.numericFields(0).categoricalFields(0),
                "categorical_fields given invalid value 0; allowed: at least one field:"
                        + " numeric_fields + categorical_fields >= 1");
        bad(b -> b.categoricalFields(3).cardinalities(5, 6),
                "cardinalities given invalid value [5, 6] (2 values); allowed: one value for all fields,"
                        + " or categorical_fields = 3 values");
        bad(b -> b.categoricalFields(2).cardinalities(5, 0),
                "cardinalities[1] given invalid value 0; allowed: cardinalities[1] >= 1");
        bad(b -> b.cardinalities(-3), "cardinalities given invalid value -3; allowed: cardinalities >= 1");
        bad(b -> b.zipfExponent(-0.5), "zipf_exponent given invalid value -0.5; allowed: 0 <= zipf_exponent <= 5");
        bad(b -> b.clickRate(0.005), "click_rate given invalid value 0.005; allowed: 0.01 <= click_rate <= 0.5");
        bad(b -> b.clickRate(0.6), "click_rate given invalid value 0.6; allowed: 0.01 <= click_rate <= 0.5");
        bad(b -> b.missingRate(0.51), "missing_rate given invalid value 0.51; allowed: 0 <= missing_rate <= 0.5");
        bad(b -> b.latentDim(65), "latent_dim given invalid value 65; allowed: 0 <= latent_dim <= 64");
        bad(b -> b.partitions(-1), "partitions given invalid value -1; allowed: 0 <= partitions <= 100000");
    }

    @Test
    void boundaryValuesAreAccepted() {
        SynthSpec s = SynthSpec.builder().rows(1).clickRate(0.01).missingRate(0).zipfExponent(0)
                .latentDim(0).numericFields(0).categoricalFields(1).cardinalities(1).build();
        assertEquals(1, s.cardinality(0));
        assertEquals(0.5, SynthSpec.builder().clickRate(0.5).missingRate(0.5).build().missingRate());
    }

    private static void bad(UnaryOperator<SynthSpec.Builder> change, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(SynthSpec.builder()).build());
        assertEquals("generate parameter " + expected, e.getMessage());
    }
}
