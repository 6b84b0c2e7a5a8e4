package io.sparkact.data;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits a {@link FeatureEncoding} to good rows. STANDARDIZE needs the data: one distributed aggregation
 * computes every numeric field's mean and population standard deviation over its non-missing raw values
 * (Spark's {@code avg} and {@code stddev_pop}, which merge central moments per partition rather than
 * subtracting large sums of squares). Numeric buckets need it too: one distributed pass of Spark's
 * {@code approxQuantile} (Greenwald–Khanna summaries, relative rank error {@value #QUANTILE_ERROR}) gives the
 * q/B quantiles of every numeric field's non-missing raw values; ties (count fields have many) merge buckets.
 */
public final class FeatureEncoder {

    /** Rank error of the bucket edges: 0.1% of the rows, far below a bucket's share at any allowed B. */
    static final double QUANTILE_ERROR = 1e-3;

    private FeatureEncoder() { }

    public static FeatureEncoding fit(Dataset<Row> good, Schema schema, FeatureSpec spec) {
        double[] mean = null;
        double[] std = null;
        List<String> numeric = schema.numeric();
        if (spec.numericTransform() == NumericTransform.STANDARDIZE && !numeric.isEmpty()) {
            List<Column> aggs = new ArrayList<>();
            for (String n : numeric) {
                aggs.add(avg(col(n)));
                aggs.add(stddev_pop(col(n)));
            }
            Row r = good.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
            mean = new double[numeric.size()];
            std = new double[numeric.size()];
            for (int k = 0; k < mean.length; k++) {
                // An all-missing column has no mean; a constant one has std 0: both map to 0 instead of NaN.
                mean[k] = r.isNullAt(2 * k) ? 0.0 : r.getDouble(2 * k);
                double s = r.isNullAt(2 * k + 1) ? 0.0 : r.getDouble(2 * k + 1);
                std[k] = s > 0 && Double.isFinite(s) ? s : 1.0;
            }
        } else if (spec.numericTransform() == NumericTransform.STANDARDIZE) {
            mean = new double[0];
            std = new double[0];
        }
        return new FeatureEncoding(spec.hashBuckets(), spec.numericTransform(), schema.label(),
                schema.categorical(), numeric, schema.id(), mean, std,
                schema.sequenceCandidate().isEmpty() ? List.of() : schema.sequence(), schema.sequenceCandidate(),
                schema.maxSequenceLength(), bucketEdges(good, numeric, spec.numericBuckets()));
    }

    /** The bucket edges of each numeric field, or null when {@code buckets} is 0 (off). */
    static double[][] bucketEdges(Dataset<Row> good, List<String> numeric, int buckets) {
        if (buckets == 0) {
            return null;
        }
        double[][] edges = new double[numeric.size()][];
        if (numeric.isEmpty()) {
            return edges;
        }
        double[] probs = new double[buckets - 1];
        for (int q = 1; q < buckets; q++) {
            probs[q - 1] = (double) q / buckets;
        }
        List<Column> asDouble = new ArrayList<>();
        for (String n : numeric) {
            asDouble.add(col(n).cast("double").as(n));
        }
        double[][] quantiles = good.select(asDouble.toArray(new Column[0])).stat()
                .approxQuantile(numeric.toArray(new String[0]), probs, QUANTILE_ERROR);
        for (int k = 0; k < edges.length; k++) {
            edges[k] = distinctFinite(quantiles[k]);
        }
        return edges;
    }

    /** The distinct finite values of an ascending array (an all-missing field has no quantiles: no edges). */
    static double[] distinctFinite(double[] sorted) {
        return java.util.Arrays.stream(sorted == null ? new double[0] : sorted).filter(Double::isFinite)
                .sorted().distinct().toArray();
    }
}
