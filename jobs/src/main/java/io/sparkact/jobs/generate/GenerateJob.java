package io.sparkact.jobs.generate;

import io.sparkact.data.synth.OracleMetrics;
import io.sparkact.data.synth.SynthSpec;
import io.sparkact.data.synth.SyntheticData;
import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.config.CommonKeys;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkact generate}: writes {@code output/train/}, {@code output/valid/} and {@code output/oracle.json}.
 * Ranges are validated by {@link SynthSpec} (one place), whose messages use these key names.
 */
public final class GenerateJob extends ConfiguredJob {

    static final ConfigSchema SCHEMA = buildSchema();

    private static ConfigSchema buildSchema() {
        ConfigSchema.Builder b = ConfigSchema.builder("generate");
        CommonKeys.output(b);
        return b.longValue("rows", 1_000_000L, null, "rows in all (train + valid), >= 1")
                .real("valid_fraction", 0.2, null, "share of rows in valid/, in (0, 1)")
                .longValue("seed", 42L, null, "seed: the same seed gives the same data on any partitioning")
                .choice("format", "parquet", List.of("parquet", "criteo"),
                        "parquet | criteo (TSV; needs 13 numeric and 26 categorical fields)")
                .integer("numeric_fields", 13, null, "count-like numeric fields I1..In, 0..100")
                .integer("categorical_fields", 26, null, "Zipf-distributed categorical fields C1..Cm, 0..100")
                .ints("cardinalities", List.of(), null,
                        "distinct values per categorical field: one for all, one per field, or [] for a Criteo-like spread")
                .real("click_rate", 0.1, null, "mean true click probability, 0.01..0.5")
                .real("missing_rate", 0.05, null, "share of missing values per field, 0..0.5")
                .integer("partitions", 0, null, "Spark partitions (0 = Spark's default parallelism)")
                .bool("sequence", false, "add a candidate item (item, item_cat) and the user's behaviour sequence "
                        + "(hist_item, hist_cat: arrays, oldest first, 1..50 long) for DIN; parquet only")
                .build();
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "synthetic CTR data with a known click probability, and the oracle's AUC and logloss";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected String description() {
        return "Writes OUTPUT/train/ and OUTPUT/valid/ (Parquet or Criteo TSV) and OUTPUT/oracle.json with the AUC\n"
                + "and logloss of the true click probabilities on valid: the ceiling a model can reach.";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) throws Exception {
        SynthSpec.Builder b = SynthSpec.builder().rows(c.longValue("rows")).validFraction(c.real("valid_fraction"))
                .seed(c.longValue("seed")).numericFields(c.integer("numeric_fields"))
                .categoricalFields(c.integer("categorical_fields")).clickRate(c.real("click_rate"))
                .missingRate(c.real("missing_rate")).partitions(c.integer("partitions"))
                .sequence(c.bool("sequence"));
        List<Integer> cards = c.ints("cardinalities");
        if (!cards.isEmpty()) {
            b.cardinalities(cards.stream().mapToInt(Integer::intValue).toArray());
        }
        SynthSpec spec = b.build();
        SyntheticData.Format format = SyntheticData.Format.parse(c.string("format"));
        long start = System.nanoTime();
        SparkSession spark = SparkSessions.get(name());
        OracleMetrics oracle = SyntheticData.write(spark, spec, c.string("output"), format);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "generated %d rows (train %d, valid %d) into %s in %.1f s (%.0f rows/s)%n",
                spec.rows(), oracle.rowsTrain(), oracle.rowsValid(), c.string("output"), seconds, spec.rows() / seconds);
        out.printf(Locale.ROOT, "oracle on valid: AUC %.4f, logloss %.4f, click rate %.4f -> %s/oracle.json%n",
                oracle.auc(), oracle.logloss(), oracle.clickRate(), c.string("output"));
    }
}
