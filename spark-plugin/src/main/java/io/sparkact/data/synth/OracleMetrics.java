package io.sparkact.data.synth;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The ceiling a model can reach on the validation split: AUC and log loss of the true probabilities.
 *
 * <p>Computed on the executors: one aggregation pass for counts, click rate and log loss, and MLlib's
 * {@link BinaryClassificationMetrics} with numBins = 0 (exact: one ROC point per distinct score, area by
 * trapezoids, which equals the Mann-Whitney statistic with ties counted one half) for the AUC.
 * Log loss clips p to [1e-15, 1 - 1e-15], as scikit-learn's log_loss did by default.
 */
public final class OracleMetrics {

    /** Clipping of p in the log loss. */
    public static final double EPS = 1e-15;

    private final double auc;
    private final double logloss;
    private final long rowsValid;
    private final long rowsTrain;
    private final double clickRate;
    private final double meanPValid;
    private final SynthSpec spec;

    OracleMetrics(double auc, double logloss, long rowsValid, long rowsTrain, double clickRate,
                  double meanPValid, SynthSpec spec) {
        this.auc = auc;
        this.logloss = logloss;
        this.rowsValid = rowsValid;
        this.rowsTrain = rowsTrain;
        this.clickRate = clickRate;
        this.meanPValid = meanPValid;
        this.spec = spec;
    }

    /**
     * Metrics of {@code generated} on its validation rows: the rows of {@link SyntheticData#generate}, or any
     * dataset with their is_valid, label and p columns (the lean pass of {@link SyntheticData#write}).
     */
    public static OracleMetrics compute(Dataset<Row> generated, SynthSpec spec) {
        // Generate once for both passes: keep only the three columns needed, ~20 bytes a row.
        Dataset<Row> all = generated.select(SyntheticData.IS_VALID, SyntheticData.LABEL, SyntheticData.P)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return compute3(all, spec);
        } finally {
            all.unpersist();
        }
    }

    private static OracleMetrics compute3(Dataset<Row> all, SynthSpec spec) {
        Column valid = col(SyntheticData.IS_VALID);
        Column p = least(greatest(col(SyntheticData.P), lit(EPS)), lit(1 - EPS));
        Column y = col(SyntheticData.LABEL);
        Column loss = y.multiply(log(p)).plus(lit(1).minus(y).multiply(log(lit(1).minus(p)))).multiply(-1);
        Row r = all.agg(
                count(lit(1)),
                sum(when(valid, 1L).otherwise(0L)),
                sum(y.cast("long")),
                sum(when(valid, loss).otherwise(0.0)),
                sum(when(valid, col(SyntheticData.P)).otherwise(0.0))).first();
        long total = r.getLong(0);
        long nValid = r.getLong(1);
        double clicks = r.getLong(2);
        double logloss = nValid == 0 ? Double.NaN : r.getDouble(3) / nValid;
        double meanP = nValid == 0 ? Double.NaN : r.getDouble(4) / nValid;
        double auc = nValid == 0 ? Double.NaN : auc(all.filter(valid));
        return new OracleMetrics(auc, logloss, nValid, total - nValid, clicks / total, meanP, spec);
    }

    private static double auc(Dataset<Row> valid) {
        JavaRDD<Tuple2<Object, Object>> scoreAndLabel = valid
                .select(col(SyntheticData.P), col(SyntheticData.LABEL).cast("double"))
                .javaRDD()
                .map(row -> new Tuple2<>(row.getDouble(0), row.getDouble(1)));
        BinaryClassificationMetrics metrics = new BinaryClassificationMetrics(scoreAndLabel.rdd(), 0);
        try {
            return metrics.areaUnderROC();
        } finally {
            metrics.unpersist();
        }
    }

    public double auc() { return auc; }
    public double logloss() { return logloss; }
    public long rowsValid() { return rowsValid; }
    public long rowsTrain() { return rowsTrain; }
    /** Observed click rate (mean label) over all rows. */
    public double clickRate() { return clickRate; }
    /** Mean true probability on the validation rows. */
    public double meanPValid() { return meanPValid; }
    public SynthSpec spec() { return spec; }

    /** The content of oracle.json, in its documented key order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", auc);
        m.put("logloss", logloss);
        m.put("rows_valid", rowsValid);
        m.put("rows_train", rowsTrain);
        m.put("click_rate", clickRate);
        m.put("mean_p_valid", meanPValid);
        m.put("seed", spec.seed());
        m.put("spec", spec.asMap());
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "oracle auc=%.6f logloss=%.6f rows_valid=%d rows_train=%d"
                + " click_rate=%.5f", auc, logloss, rowsValid, rowsTrain, clickRate);
    }
}
