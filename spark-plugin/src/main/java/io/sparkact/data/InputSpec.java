package io.sparkact.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to read ({@code input.*}): format, paths (each a file, directory or glob on any Hadoop
 * FileSystem), the largest tolerated fraction of bad rows, and the {@link Schema}. Immutable; the builder
 * validates and names the config key of any error. For {@link InputFormat#CRITEO} the schema is always
 * {@link Schema#criteo()}. The {@link ReadPurpose} (default {@link ReadPurpose#TRAIN}) says whether the label is
 * required and validated or optional and ignored.
 */
public final class InputSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default of {@code input.max_bad_fraction}. */
    public static final double DEFAULT_MAX_BAD_FRACTION = 0.001;

    private final InputFormat format;
    private final List<String> paths;
    private final double maxBadFraction;
    private final Schema schema;
    private final ReadPurpose purpose;

    private InputSpec(InputFormat format, List<String> paths, double maxBadFraction, Schema schema,
                      ReadPurpose purpose) {
        this.format = format;
        this.paths = List.copyOf(paths);
        this.maxBadFraction = maxBadFraction;
        this.schema = schema;
        this.purpose = purpose;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InputFormat format() { return format; }
    public List<String> paths() { return paths; }
    public double maxBadFraction() { return maxBadFraction; }
    public Schema schema() { return schema; }
    public ReadPurpose purpose() { return purpose; }

    /** True when rows carry a validated label: training. */
    public boolean labeled() { return purpose == ReadPurpose.TRAIN; }

    /**
     * The columns of the rows the reader returns, in canonical order: {@link Schema#columns()} for training,
     * {@link Schema#features()} (no label) for scoring.
     */
    public List<String> readColumns() {
        return labeled() ? schema.columns() : schema.features();
    }

    @Override
    public String toString() {
        return "InputSpec{format=" + format.configName() + ", paths=" + paths + ", maxBadFraction="
                + maxBadFraction + ", schema=" + schema + ", purpose=" + purpose + "}";
    }

    /** Builder with the documented defaults (Parquet, 0.001, default schema). */
    public static final class Builder {
        private InputFormat format = InputFormat.PARQUET;
        private final List<String> paths = new ArrayList<>();
        private double maxBadFraction = DEFAULT_MAX_BAD_FRACTION;
        private Schema schema;
        private ReadPurpose purpose = ReadPurpose.TRAIN;

        private Builder() { }

        public Builder format(InputFormat v) { format = v; return this; }

        /** The format from its config text: parquet, criteo or csv. */
        public Builder format(String text) { format = InputFormat.parse("input.format", text); return this; }

        public Builder path(String p) { paths.add(p); return this; }

        public Builder paths(List<String> ps) { paths.addAll(ps); return this; }

        public Builder maxBadFraction(double v) { maxBadFraction = v; return this; }

        public Builder schema(Schema v) { schema = v; return this; }

        public Builder purpose(ReadPurpose v) { purpose = v; return this; }

        public InputSpec build() {
            if (format == null) {
                throw new InputException("input.format given invalid value null; allowed: parquet, criteo, csv");
            }
            if (paths.isEmpty()) {
                throw new InputException("input paths given invalid value []; allowed: one or more files, directories or globs");
            }
            for (String p : paths) {
                if (p == null || p.isBlank()) {
                    throw new InputException("input path given invalid value '" + p + "'; allowed: a file, directory or glob");
                }
            }
            if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
                throw new InputException(String.format(Locale.ROOT,
                        "input.max_bad_fraction given invalid value %s; allowed: 0 <= value <= 1", maxBadFraction));
            }
            Schema s = format == InputFormat.CRITEO ? Schema.criteo() : schema;
            if (s == null) {
                s = Schema.builder().build();
            }
            if (purpose == null) {
                throw new IllegalArgumentException("purpose must be TRAIN or SCORE");
            }
            if (purpose == ReadPurpose.TRAIN && !s.hasLabel()) {
                throw new InputException("input.schema.label given invalid value ''; allowed: a non-empty column name"
                        + " (training needs a 0/1 label; only score reads rows without one)");
            }
            return new InputSpec(format, paths, maxBadFraction, s, purpose);
        }
    }
}
