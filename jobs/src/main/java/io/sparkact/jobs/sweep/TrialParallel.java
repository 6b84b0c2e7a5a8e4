package io.sparkact.jobs.sweep;

import io.sparkact.data.FeatureEncoding;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.plugin.Nd4jThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trial-parallel execution: every trial is one Spark job of one task ({@link TrialTask}), and a pool of
 * {@code parallelism} driver threads keeps that many jobs in flight (Spark's scheduler accepts jobs from
 * several threads and runs them side by side while cores are free).
 *
 * <p>Why one-task jobs from a thread pool rather than one job per wave of trials: a wave ends with its
 * slowest trial, so cores would idle while trials of different cost (activations, batch sizes, early
 * stopping) finish; and a job's results arrive only when the whole job ends, while here each trial's file is
 * written the moment its task returns — a killed sweep loses only the trials in flight. A trial that throws
 * fails its own job only; it is reported to the sink and the other trials go on.
 */
final class TrialParallel {

    private final JavaSparkContext sc;
    private final FeatureEncoding encoding;
    private final String trainPath;
    private final String validPath;
    private final int parallelism;

    TrialParallel(JavaSparkContext sc, FeatureEncoding encoding, String trainPath, String validPath, int parallelism) {
        this.sc = sc;
        this.encoding = encoding;
        this.trainPath = trainPath;
        this.validPath = validPath;
        this.parallelism = parallelism;
    }

    void run(List<Trial> trials, TrialSink sink) throws InterruptedException {
        run(trials, t -> TrialTask.Checkpoints.NONE, sink);
    }

    /** Runs the trials, each starting from and leaving the checkpoints {@code checkpoints} gives it. */
    void run(List<Trial> trials, Function<Trial, TrialTask.Checkpoints> checkpoints, TrialSink sink)
            throws InterruptedException {
        Nd4jThreads.Applied driver = Nd4jThreads.current();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "sweep-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Trial trial : trials) {
                running.add(pool.submit(() -> runOne(trial, checkpoints, sink)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a sweep thread failed outside its trial", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            if (sc.master().startsWith("local")) { // the tasks ran in this JVM and set its ND4J threads to 1
                Nd4j.getEnvironment().setMaxMasterThreads(driver.masterThreads());
                Nd4j.factory().blas().setMaxThreads(driver.blasThreads());
                // and left the samples in its cache: off-heap arrays the heap's soft references would not release
                // for want of heap pressure, in a driver that may live on (a notebook, the bench)
                SampleCache.clear();
            }
        }
    }

    private void runOne(Trial trial, Function<Trial, TrialTask.Checkpoints> checkpoints, TrialSink sink) {
        long t0 = System.nanoTime();
        try {
            TrialTask task = new TrialTask(TrainRun.modelSpec(trial.config(), encoding),
                    TrainRun.trainingSpec(trial.config()), trainPath, validPath, checkpoints.apply(trial));
            sc.setLocalProperty("spark.job.description", "sweep trial " + trial.id() + " " + trial.label());
            var result = sc.parallelize(List.of(task), 1).map(TrialTask::run).collect().get(0);
            sink.finished(trial, result, (System.nanoTime() - t0) / 1e9);
        } catch (Exception | Error e) {
            sink.failed(trial, e, (System.nanoTime() - t0) / 1e9);
        }
    }
}
