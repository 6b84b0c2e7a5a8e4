package io.sparkact.train;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import io.sparkact.health.HealthProbe;
import io.sparkact.health.HealthStats;
import io.sparkact.plugin.TrainingCounters;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * Distributed evaluation: the model (configuration JSON + parameters) is broadcast, every partition
 * predicts its own minibatches on its executor, and only (score, label) pairs and four sums travel — plus,
 * when asked, one {@link HealthStats} per partition (activation health measured from the same forward pass).
 *
 * <p>AUC is exact: MLlib's {@code BinaryClassificationMetrics} with {@code numBins = 0} sorts the
 * distinct scores and integrates the ROC curve by trapezoids, which equals the Mann–Whitney statistic
 * with ties counted 1/2 (Fawcett, "An introduction to ROC analysis", 2006, §7). Logloss clips
 * predictions to [1e-15, 1 − 1e-15] as scikit-learn's {@code log_loss} does.
 */
public final class Evaluator {

    /** Clip for logloss, so a confident mistake costs log(1e15) ≈ 34.5 rather than infinity. */
    public static final double EPS = 1e-15;

    private Evaluator() {
    }

    /** Evaluates {@code graph} on {@code data} (contract minibatches) on the executors. */
    public static EvalMetrics evaluate(JavaSparkContext sc, ComputationGraph graph, JavaRDD<MultiDataSet> data) {
        return evaluate(sc, graph, data, false).metrics();
    }

    /**
     * Evaluates {@code graph} on {@code data} and, when {@code withHealth}, measures the activation health of
     * its hidden layers ({@link HealthProbe}) in the same pass: one broadcast of the model, one scan of the
     * data, the forward pass shared. Health statistics are combined by a tree aggregation — an action — so
     * each partition counts exactly once. Without health, {@link Evaluation#health()} is the identity.
     */
    public static Evaluation evaluate(JavaSparkContext sc, ComputationGraph graph, JavaRDD<MultiDataSet> data,
                                      boolean withHealth) {
        JavaRDD<PartitionResult> parts = partitionResults(sc, graph, data, withHealth)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            JavaRDD<Tuple2<Object, Object>> scored = parts.flatMap(PartitionResult::pairs);
            // count, sum of predictions, sum of labels, sum of per-example logloss
            double[] sums = scored.aggregate(new double[4], (acc, p) -> {
                double s = (Double) p._1();
                double y = (Double) p._2();
                double c = Math.min(Math.max(s, EPS), 1 - EPS);
                acc[0] += 1;
                acc[1] += s;
                acc[2] += y;
                acc[3] -= y * Math.log(c) + (1 - y) * Math.log(1 - c);
                return acc;
            }, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]});
            long n = (long) sums[0];
            if (n == 0) {
                throw new IllegalArgumentException("evaluation data is empty: no minibatch with any example");
            }
            boolean bothClasses = sums[2] > 0 && sums[2] < n;
            double auc = bothClasses
                    ? new BinaryClassificationMetrics(scored.rdd(), 0).areaUnderROC() : Double.NaN;
            double calibration = sums[2] > 0 ? (sums[1] / n) / (sums[2] / n) : Double.NaN;
            HealthStats health = withHealth
                    ? parts.map(PartitionResult::health).treeAggregate(HealthStats.identity(), HealthStats::merge,
                            HealthStats::merge)
                    : HealthStats.identity();
            return new Evaluation(new EvalMetrics(auc, sums[3] / n, calibration, n), health);
        } finally {
            parts.unpersist(false);
        }
    }

    /** (score, label) per example, computed on the executors from a broadcast copy of the model. */
    public static JavaRDD<Tuple2<Object, Object>> predictions(JavaSparkContext sc, ComputationGraph graph,
                                                              JavaRDD<MultiDataSet> data) {
        return partitionResults(sc, graph, data, false).flatMap(PartitionResult::pairs);
    }

    private static JavaRDD<PartitionResult> partitionResults(JavaSparkContext sc, ComputationGraph graph,
                                                             JavaRDD<MultiDataSet> data, boolean withHealth) {
        Broadcast<String> conf = sc.broadcast(graph.getConfiguration().toJson());
        Broadcast<byte[]> params;
        try {
            params = sc.broadcast(Nd4j.toByteArray(graph.params()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot serialise the model's parameters for evaluation", e);
        }
        return data.mapPartitions(batches -> List.of(
                evaluatePartition(conf.value(), params.value(), batches, withHealth)).iterator());
    }

    private static PartitionResult evaluatePartition(String json, byte[] params, Iterator<MultiDataSet> batches,
                                                     boolean withHealth) throws java.io.IOException {
        PartitionResult out = new PartitionResult();
        if (!batches.hasNext()) {
            return out;
        }
        ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
        g.init(Nd4j.fromByteArray(params), false);
        HealthProbe probe = withHealth ? new HealthProbe(g) : null;
        if (probe != null) {
            out.health = probe.emptyStats();
        }
        String outName = g.getConfiguration().getNetworkOutputs().get(0);
        while (batches.hasNext()) {
            MultiDataSet mds = batches.next();
            INDArray labels = mds.getLabels(0);
            if (labels.size(0) == 0) {
                continue;
            }
            INDArray scores;
            if (probe != null) {
                // one forward pass gives the prediction and every hidden layer's output
                Map<String, INDArray> acts = MaskedForward.activations(g, mds);
                scores = acts.get(outName);
                probe.add(acts, out.health);
            } else {
                scores = MaskedForward.output(g, mds);
            }
            out.add(scores.reshape(labels.size(0)).toDoubleVector(), labels.reshape(labels.size(0)).toDoubleVector());
        }
        if (probe != null) {
            TrainingCounters.recordHealth(out.health); // the latest probe, for SparkActPlugin's gauges
        }
        return out;
    }
}
