package io.sparkact.jobs.sweep;

import io.sparkact.data.FeatureEncoding;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.train.SparkTrainer;
import io.sparkact.train.TrainResult;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Data-parallel execution: trials one after another, each a distributed training with {@link SparkTrainer}
 * (the train job's trainer, training master and evaluation) on the data read once for the sweep (the rows
 * stay persisted by the reader). The minibatch RDDs are not persisted here: as in the train job, the
 * training master decides how its input is stored (its Direct approach refuses a storage level set before).
 */
final class DataParallel {

    private final JavaSparkContext sc;
    private final FeatureEncoding encoding;
    private final Dataset<Row> train;
    private final Dataset<Row> valid;
    private final PrintStream log;
    private final Map<Integer, JavaRDD<MultiDataSet>[]> byBatchSize = new HashMap<>();

    DataParallel(JavaSparkContext sc, FeatureEncoding encoding, Dataset<Row> train, Dataset<Row> valid, PrintStream log) {
        this.sc = sc;
        this.encoding = encoding;
        this.train = train;
        this.valid = valid;
        this.log = log;
    }

    void run(List<Trial> trials, TrialSink sink) {
        for (Trial trial : trials) {
            long t0 = System.nanoTime();
            try {
                JavaRDD<MultiDataSet>[] data = data(trial.config().integer("training.batch_size"));
                TrainResult r = new SparkTrainer(sc, TrainRun.modelSpec(trial.config(), encoding),
                        TrainRun.trainingSpec(trial.config()))
                        .train(data[0], data[1], line -> log.println("  trial " + trial.id() + ": " + line));
                sink.finished(trial, TrialMetrics.of(r), (System.nanoTime() - t0) / 1e9);
            } catch (Exception | Error e) {
                sink.failed(trial, e, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private JavaRDD<MultiDataSet>[] data(int batchSize) {
        return byBatchSize.computeIfAbsent(batchSize, b -> new JavaRDD[] {
                encoding.toMultiDataSets(train, b), encoding.toMultiDataSets(valid, b)});
    }
}
