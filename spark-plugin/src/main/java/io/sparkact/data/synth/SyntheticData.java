package io.sparkact.data.synth;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import io.sparkact.params.Param;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Synthetic CTR data whose true click probability is known (see {@link TruthModel} for the model and
 * why): generated on the executors from {@code spark.range(rows)}, identical for any partitioning.
 */
public final class SyntheticData {

    /** Row number, 0..rows-1 (long). */
    public static final String ID = "id";
    /** Click, 0 or 1 (int), drawn as Bernoulli({@link #P}). */
    public static final String LABEL = "label";
    /** The true click probability (double); not written to the data files. */
    public static final String P = "p";
    /** Candidate item id (string), with {@code sequence = on}. */
    public static final String ITEM = "item";
    /** Candidate item's category (string), with {@code sequence = on}. */
    public static final String ITEM_CAT = "item_cat";
    /** History item ids, oldest first (array of strings), with {@code sequence = on}. */
    public static final String HIST_ITEM = "hist_item";
    /** History items' categories, aligned with {@link #HIST_ITEM} (array of strings), with {@code sequence = on}. */
    public static final String HIST_CAT = "hist_cat";
    /** Whether the row is in the validation split (boolean); not written to the data files. */
    public static final String IS_VALID = "is_valid";

    /** Output format of {@link #write}. */
    public enum Format {
        /** Parquet with id, label, I1..In, C1..Cm (and item, item_cat, hist_item, hist_cat with a sequence). */
        PARQUET,
        /** Criteo TSV: label, 13 integers, 26 categorical values; tab-separated, empty = missing, no header. */
        CRITEO;

        /** Parses the {@code format} key (case-insensitive): parquet or criteo. */
        public static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Param.invalid(SynthSpec.OWNER, "format", text, "parquet or criteo");
            }
        }
    }

    private SyntheticData() {
    }

    /**
     * The data as a Dataset with columns id, label, I1..In (int, nullable), C1..Cm (8 hex digits,
     * nullable), p and is_valid. Lazy: rows are made on the executors each time it is evaluated, and the
     * same rows every time. The driver only calibrates the intercept on a 20k-row sample.
     */
    public static Dataset<Row> generate(SparkSession spark, SynthSpec spec) {
        return generate(spark, spec, new SyntheticRows(spec));
    }

    private static Dataset<Row> generate(SparkSession spark, SynthSpec spec, SyntheticRows rows) {
        return ids(spark, spec).mapPartitions((MapPartitionsFunction<Long, Row>) rows::rows,
                Encoders.row(rows.schema()));
    }

    /** is_valid, label and p of the rows {@code generate} makes with the same {@code rows}, without the strings. */
    private static Dataset<Row> truth(SparkSession spark, SynthSpec spec, SyntheticRows rows) {
        return ids(spark, spec).mapPartitions((MapPartitionsFunction<Long, Row>) rows::truthRows,
                Encoders.row(SyntheticRows.TRUTH_SCHEMA));
    }

    private static Dataset<Long> ids(SparkSession spark, SynthSpec spec) {
        return spec.partitions() == 0
                ? spark.range(spec.rows())
                : spark.range(0, spec.rows(), 1, spec.partitions());
    }

    /**
     * Writes {@code outDir/train/} and {@code outDir/valid/} (each replaced if present; nothing else in
     * outDir is touched) and then {@code outDir/oracle.json} atomically, and returns the oracle metrics.
     *
     * <p>Both splits come from one pass: the rows are written partitioned by the split flag into a hidden
     * staging directory whose two partitions are then renamed to train/ and valid/. Writing each split
     * with a filter would generate every row twice.
     *
     * @throws IllegalArgumentException if CRITEO is asked for with other than 13 numeric and 26
     *         categorical fields (before anything is written)
     * @throws IOException if the splits cannot be moved into place or oracle.json cannot be written
     */
    public static OracleMetrics write(SparkSession spark, SynthSpec spec, String outDir, Format format)
            throws IOException {
        if (format == Format.CRITEO && (spec.numericFields() != 13 || spec.categoricalFields() != 26)) {
            throw Param.invalid(SynthSpec.OWNER, "format", "criteo",
                    "criteo only with numeric_fields = 13 and categorical_fields = 26 (given "
                            + spec.numericFields() + " and " + spec.categoricalFields() + "); use parquet");
        }
        if (format == Format.CRITEO && spec.sequence()) {
            throw Param.invalid(SynthSpec.OWNER, "format", "criteo",
                    "parquet when sequence = on (Criteo's fixed layout has no behaviour-sequence columns)");
        }
        SyntheticRows rows = new SyntheticRows(spec);
        String base = outDir.endsWith("/") ? outDir.substring(0, outDir.length() - 1) : outDir;
        SplitWriter.write(spark, filesOf(generate(spark, spec, rows), spec, format), base,
                format == Format.PARQUET ? "parquet" : "text");
        OracleMetrics oracle = OracleMetrics.compute(truth(spark, spec, rows), spec);
        AtomicJson.write(spark.sparkContext().hadoopConfiguration(), base + "/oracle.json", oracle.toJson());
        return oracle;
    }

    /**
     * The columns that go to the files, followed by {@link #IS_VALID} to split on: Parquet keeps id; Criteo
     * has one text column per line.
     */
    static Dataset<Row> filesOf(Dataset<Row> part, SynthSpec spec, Format format) {
        List<Column> cols = new ArrayList<>();
        if (format == Format.PARQUET) {
            cols.add(col(ID));
        }
        cols.add(col(LABEL));
        for (int j = 1; j <= spec.numericFields(); j++) {
            cols.add(col("I" + j));
        }
        for (int j = 1; j <= spec.categoricalFields(); j++) {
            cols.add(col("C" + j));
        }
        if (spec.sequence()) {
            for (String c : List.of(ITEM, ITEM_CAT, HIST_ITEM, HIST_CAT)) {
                cols.add(col(c));
            }
        }
        if (format == Format.PARQUET) {
            cols.add(col(IS_VALID));
            return part.select(cols.toArray(new Column[0]));
        }
        // concat_ws skips nulls, which would shift fields: turn each null into "" first.
        Column[] text = cols.stream().map(c -> coalesce(c.cast("string"), lit(""))).toArray(Column[]::new);
        return part.select(concat_ws("\t", text).as("value"), col(IS_VALID));
    }
}
