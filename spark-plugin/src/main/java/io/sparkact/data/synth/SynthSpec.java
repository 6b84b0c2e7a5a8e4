package io.sparkact.data.synth;

import io.sparkact.params.Param;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What synthetic CTR data to generate: an immutable, validated value built with {@link #builder()}.
 *
 * <p>Every check happens in {@link Builder#build()}; a bad value fails with
 * "{@code generate parameter <name> given invalid value <value>; allowed: <rule>}", where {@code <name>}
 * is the {@code generate} job's configuration key (snake_case), so a user sees the key they typed.
 *
 * <p>The default categorical cardinalities are shaped after the Criteo display-advertising data: a few
 * fields with a handful of values, many with hundreds to tens of thousands, and several capped at
 * 100,000 (Criteo's largest fields have millions of values; 100k keeps test and laptop runs small while
 * still being far beyond what a one-hot model can estimate from a few hundred thousand rows).
 */
public final class SynthSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Owner named in error messages: the job whose keys these are. */
    public static final String OWNER = "generate";

    /** Default cardinality per categorical field (cycled when there are more than 26 fields). */
    static final int[] DEFAULT_CARDINALITIES = {
        1_400, 550, 100_000, 100_000, 300, 24, 12_000, 630, 3, 90_000, 5_600, 100_000, 3_200,
        27, 15_000, 100_000, 10, 5_600, 2_100, 4, 100_000, 18, 15, 100_000, 105, 100_000};

    private final long rows;
    private final double validFraction;
    private final long seed;
    private final int numericFields;
    private final int categoricalFields;
    private final int[] cardinalities;
    private final double zipfExponent;
    private final double clickRate;
    private final double missingRate;
    private final int latentDim;
    private final int partitions;
    private final boolean sequence;

    private SynthSpec(Builder b, int[] cardinalities) {
        this.rows = b.rows;
        this.validFraction = b.validFraction;
        this.seed = b.seed;
        this.numericFields = b.numericFields;
        this.categoricalFields = b.categoricalFields;
        this.cardinalities = cardinalities;
        this.zipfExponent = b.zipfExponent;
        this.clickRate = b.clickRate;
        this.missingRate = b.missingRate;
        this.latentDim = b.latentDim;
        this.partitions = b.partitions;
        this.sequence = b.sequence;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 1M rows, 13 numeric and 26 categorical fields, CTR 0.1. */
    public static SynthSpec defaults() {
        return builder().build();
    }

    /** A builder holding this spec's values, to derive a changed copy. */
    public Builder toBuilder() {
        return builder().rows(rows).validFraction(validFraction).seed(seed).numericFields(numericFields)
                .categoricalFields(categoricalFields).cardinalities(cardinalities).zipfExponent(zipfExponent)
                .clickRate(clickRate).missingRate(missingRate).latentDim(latentDim).partitions(partitions)
                .sequence(sequence);
    }

    public long rows() { return rows; }
    public double validFraction() { return validFraction; }
    public long seed() { return seed; }
    public int numericFields() { return numericFields; }
    public int categoricalFields() { return categoricalFields; }
    /** Cardinality of each categorical field (length {@link #categoricalFields()}); a copy. */
    public int[] cardinalities() { return cardinalities.clone(); }
    public int cardinality(int field) { return cardinalities[field]; }
    public double zipfExponent() { return zipfExponent; }
    public double clickRate() { return clickRate; }
    public double missingRate() { return missingRate; }
    public int latentDim() { return latentDim; }
    /** Number of partitions of the generated data; 0 means Spark's default parallelism. */
    public int partitions() { return partitions; }
    /** Whether rows carry a behaviour sequence and a candidate item (see {@link BehaviourModel}). */
    public boolean sequence() { return sequence; }

    /** The spec under its configuration keys, in a stable order (for oracle.json and logs). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("valid_fraction", validFraction);
        m.put("seed", seed);
        m.put("numeric_fields", numericFields);
        m.put("categorical_fields", categoricalFields);
        m.put("cardinalities", cardinalities.clone());
        m.put("zipf_exponent", zipfExponent);
        m.put("click_rate", clickRate);
        m.put("missing_rate", missingRate);
        m.put("latent_dim", latentDim);
        m.put("partitions", partitions);
        m.put("sequence", sequence);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SynthSpec && asMapText().equals(((SynthSpec) o).asMapText());
    }

    @Override
    public int hashCode() {
        return asMapText().hashCode();
    }

    private String asMapText() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(k).append('=')
                .append(v instanceof int[] ? Arrays.toString((int[]) v) : String.valueOf(v)).append(' '));
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return "SynthSpec{" + asMapText() + "}";
    }

    /** Mutable builder; {@link #build()} validates every field. */
    public static final class Builder {
        private long rows = 1_000_000L;
        private double validFraction = 0.2;
        private long seed = 42L;
        private int numericFields = 13;
        private int categoricalFields = 26;
        private int[] cardinalities;
        private double zipfExponent = 1.1;
        private double clickRate = 0.1;
        private double missingRate = 0.05;
        private int latentDim = 4;
        private int partitions;
        private boolean sequence;

        private Builder() {
        }

        public Builder rows(long v) { rows = v; return this; }
        public Builder validFraction(double v) { validFraction = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder numericFields(int v) { numericFields = v; return this; }
        public Builder categoricalFields(int v) { categoricalFields = v; return this; }
        /** One value per categorical field, or a single value for all; null restores the default spread. */
        public Builder cardinalities(int... v) { cardinalities = v == null ? null : v.clone(); return this; }
        public Builder zipfExponent(double v) { zipfExponent = v; return this; }
        public Builder clickRate(double v) { clickRate = v; return this; }
        public Builder missingRate(double v) { missingRate = v; return this; }
        /** Width of the per-value latent vectors of the pairwise term; 0 switches that term off. */
        public Builder latentDim(int v) { latentDim = v; return this; }
        public Builder partitions(int v) { partitions = v; return this; }
        /** Adds the behaviour-sequence columns and their term of the truth (DIN data). */
        public Builder sequence(boolean v) { sequence = v; return this; }

        /** Validates every field; throws IllegalArgumentException naming the first bad one. */
        public SynthSpec build() {
            if (rows < 1) {
                throw bad("rows", Long.toString(rows), "rows >= 1");
            }
            checkOpen01("valid_fraction", validFraction);
            checkInt("numeric_fields", numericFields, 0, 100);
            checkInt("categorical_fields", categoricalFields, 0, 100);
            if (numericFields + categoricalFields == 0) {
                throw bad("categorical_fields", "0",
                        "at least one field: numeric_fields + categorical_fields >= 1");
            }
            int[] cards = resolveCardinalities();
            checkReal("zipf_exponent", zipfExponent, 0, 5);
            checkReal("click_rate", clickRate, 0.01, 0.5);
            checkReal("missing_rate", missingRate, 0, 0.5);
            checkInt("latent_dim", latentDim, 0, 64);
            checkInt("partitions", partitions, 0, 100_000);
            return new SynthSpec(this, cards);
        }

        private int[] resolveCardinalities() {
            int m = categoricalFields;
            int[] out = new int[m];
            if (cardinalities == null) {
                for (int j = 0; j < m; j++) {
                    out[j] = DEFAULT_CARDINALITIES[j % DEFAULT_CARDINALITIES.length];
                }
                return out;
            }
            if (cardinalities.length != 1 && cardinalities.length != m) {
                throw bad("cardinalities", Arrays.toString(cardinalities) + " (" + cardinalities.length
                        + " values)", "one value for all fields, or categorical_fields = " + m + " values");
            }
            for (int j = 0; j < m; j++) {
                out[j] = cardinalities.length == 1 ? cardinalities[0] : cardinalities[j];
                if (out[j] < 1) {
                    String name = cardinalities.length == 1 ? "cardinalities" : "cardinalities[" + j + "]";
                    throw bad(name, Integer.toString(out[j]), name + " >= 1");
                }
            }
            return out;
        }

        private static void checkOpen01(String name, double v) {
            if (!(v > 0 && v < 1)) {
                throw bad(name, Param.format(v), "0 < " + name + " < 1");
            }
        }

        private static void checkReal(String name, double v, double lo, double hi) {
            if (!(v >= lo && v <= hi)) {
                throw bad(name, Param.format(v), Param.format(lo) + " <= " + name + " <= " + Param.format(hi));
            }
        }

        private static void checkInt(String name, int v, int lo, int hi) {
            if (v < lo || v > hi) {
                throw bad(name, Integer.toString(v), lo + " <= " + name + " <= " + hi);
            }
        }

        private static IllegalArgumentException bad(String name, String value, String allowed) {
            return Param.invalid(OWNER, name, value, allowed);
        }
    }
}
