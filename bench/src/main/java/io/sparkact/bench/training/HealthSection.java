package io.sparkact.bench.training;

import io.sparkact.bench.BenchSettings;
import io.sparkact.bench.MarkdownTable;
import io.sparkact.bench.Section;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.models.DnnModel;
import io.sparkact.train.Evaluator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The health pass's cost (what {@code EvaluatorHealthTest#measureCost} measured by hand): the distributed
 * evaluation after an epoch with and without the activation-health statistics, on the same cached minibatches,
 * alternating, median of several repetitions after a warm-up.
 */
public final class HealthSection {

    private final Workload w;

    public HealthSection(Workload w) {
        this.w = w;
    }

    public Section run() throws Exception {
        BenchSettings s = w.settings();
        long rows = s.rows(25_000, 2_000);
        int repeats = s.quick() ? 1 : 5;
        Path data = w.generate("health-data", rows, 14);
        JobConfig c = Workload.trainConfig(data, Map.of("model.hidden", "[256, 128, 64]"));
        Workload.Encoded e = w.encode(c, data.resolve("quarantine"));
        JavaRDD<MultiDataSet> valid = e.encoding().toMultiDataSets(e.train().good(), 512).cache();
        long examples = valid.map(m -> m.getLabels(0).size(0)).fold(0L, Long::sum);
        ComputationGraph g = DnnModel.build(TrainRun.modelSpec(c, e.encoding()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(w.spark().sparkContext());
        s.say("health: evaluation of %,d examples with and without health, %d repetitions ...", examples, repeats);
        Evaluator.evaluate(sc, g, valid, true); // warm-up: JIT, native libraries, cached partitions
        double[] off = new double[repeats];
        double[] on = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            Evaluator.evaluate(sc, g, valid, false);
            off[i] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Evaluator.evaluate(sc, g, valid, true);
            on[i] = (System.nanoTime() - t0) / 1e9;
        }
        valid.unpersist();
        e.release();
        double offMedian = median(off);
        double onMedian = median(on);
        s.say("health: evaluation alone %.2f s, with health %.2f s", offMedian, onMedian);
        MarkdownTable t = new MarkdownTable(List.of("evaluation pass", "median s", "examples/s", "x evaluation alone"),
                List.of("median s", "examples/s", "x evaluation alone"));
        t.row("evaluation alone (AUC, logloss)", MarkdownTable.num(offMedian, 2), MarkdownTable.num(examples / offMedian, 0),
                "1.00");
        t.row("evaluation + activation health", MarkdownTable.num(onMedian, 2), MarkdownTable.num(examples / onMedian, 0),
                MarkdownTable.num(onMedian / offMedian, 2));
        String body = String.format(Locale.ROOT, """
                Evaluator.evaluate over %,d examples (minibatch 512) of a dnn with hidden [256, 128, 64] at its initial
                parameters on Spark %s, with the health statistics (dead and saturated units, moments per hidden layer)
                and without; median of %d alternating repetitions after a warm-up.

                """, examples, Workload.MASTER, repeats) + t.render();
        return new Section("Health pass", body);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
