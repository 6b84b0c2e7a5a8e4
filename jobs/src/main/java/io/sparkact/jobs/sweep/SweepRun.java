package io.sparkact.jobs.sweep;

import io.sparkact.data.FeatureEncoder;
import io.sparkact.data.FeatureEncoding;
import io.sparkact.data.FeatureSpec;
import io.sparkact.data.InputReader;
import io.sparkact.data.NumericTransform;
import io.sparkact.data.ReadResult;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.train.InMemoryData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One sweep, stage by stage: find the trials already on disk → read and encode the data once → run the
 * rest (trial-parallel or data-parallel), writing each trial's file as it ends → trials.csv, summary.csv
 * and best.conf from all the planned trials' files.
 */
final class SweepRun {

    private final JobConfig c;
    private final SweepPlan plan;
    private final SparkSession spark;
    private final PrintStream out;
    private final PrintStream log;
    private final String output;
    private final TrialStore store;

    SweepRun(JobConfig c, SweepPlan plan, SparkSession spark, PrintStream out, PrintStream log) {
        this.c = c;
        this.plan = plan;
        this.spark = spark;
        this.out = out;
        this.log = log;
        this.output = c.string("output");
        this.store = new TrialStore(output + "/trials");
    }

    void run() throws Exception {
        List<Trial> trials = plan.trials();
        Map<String, Map<String, Object>> onDisk = store.readAll(log);
        List<Trial> todo = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> rec = onDisk.get(t.id());
            boolean retry = rec != null && TrialStore.FAILED.equals(rec.get("status")) && c.bool(SweepKeys.RETRY_FAILED);
            if (rec == null || retry) {
                todo.add(t);
            }
        }
        out.printf(Locale.ROOT, "sweep: %d trials (%s), %d already done, %d to run -> %s%n", trials.size(),
                plan.strategy(), trials.size() - todo.size(), todo.size(), output);
        Progress progress = new Progress(out, trials.size(), trials.size() - todo.size());
        for (Trial t : trials) {
            if (onDisk.containsKey(t.id()) && !todo.contains(t)) {
                progress.known(t, SweepResults.auc(onDisk.get(t.id())));
            }
        }
        if (!todo.isEmpty()) {
            execute(todo, progress);
        }
        Map<String, Map<String, Object>> records = new LinkedHashMap<>(store.readAll(log));
        Trial best = SweepResults.write(output, trials, records);
        long failed = trials.stream().filter(t -> records.containsKey(t.id())
                && TrialStore.FAILED.equals(records.get(t.id()).get("status"))).count();
        if (best == null) {
            throw new IllegalStateException("every trial of the sweep failed (" + failed + " of " + trials.size()
                    + "); the errors are in " + output + "/trials.csv");
        }
        out.printf(Locale.ROOT, "best: %s %s, AUC %.4f; %d failed; wrote %s/{trials.csv,summary.csv,best.conf}%n",
                best.id(), best.label(), SweepResults.auc(records.get(best.id())), failed, output);
    }

    private void execute(List<Trial> todo, Progress progress) throws Exception {
        ReadResult train = InputReader.read(spark, TrainRun.input(c, "input.train"), output + "/quarantine/train");
        ReadResult valid = InputReader.read(spark, TrainRun.input(c, "input.valid"), output + "/quarantine/valid");
        log.println("read: " + train + "; " + valid);
        try {
            FeatureEncoding enc = FeatureEncoder.fit(train.good(), TrainRun.schema(c), FeatureSpec.of(
                    c.integer("features.hash_buckets"),
                    NumericTransform.parse("features.numeric_transform", c.string("features.numeric_transform"))));
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            String execution = execution(train.used());
            Sink sink = new Sink(execution, progress);
            if (execution.equals("trial-parallel")) {
                int parallelism = c.integer(SweepKeys.PARALLELISM) > 0 ? c.integer(SweepKeys.PARALLELISM)
                        : sc.defaultParallelism();
                String trainPath = output + "/_sample/train.bin";
                String validPath = output + "/_sample/valid.bin";
                int batch = c.integer("training.batch_size");
                InMemoryData.of(enc.toMultiDataSets(train.good(), batch).collect()).save(trainPath);
                InMemoryData.of(enc.toMultiDataSets(valid.good(), batch).collect()).save(validPath);
                out.printf(Locale.ROOT, "execution: trial-parallel, %d trials at once (%d training rows)%n",
                        parallelism, train.used());
                new TrialParallel(sc, enc, trainPath, validPath, parallelism).run(todo, sink);
            } else {
                out.printf(Locale.ROOT, "execution: data-parallel, one distributed training after another (%d "
                        + "training rows)%n", train.used());
                new DataParallel(sc, enc, train.good(), valid.good(), log).run(todo, sink);
            }
        } finally {
            train.release();
            valid.release();
        }
    }

    /** sweep.execution, with auto resolved by the number of training rows. */
    private String execution(long trainRows) {
        String e = c.string(SweepKeys.EXECUTION);
        if (!e.equals("auto")) {
            return e;
        }
        return trainRows <= c.longValue(SweepKeys.MAX_TRIAL_ROWS) ? "trial-parallel" : "data-parallel";
    }

    /** Writes each ended trial's file and prints its progress line (called from the trial threads). */
    private final class Sink implements TrialSink {
        private final String execution;
        private final Progress progress;

        Sink(String execution, Progress progress) {
            this.execution = execution;
            this.progress = progress;
        }

        @Override
        public void finished(Trial trial, Map<String, Object> result, double seconds) {
            Map<String, Object> rec = TrialStore.finished(trial, execution, result, seconds);
            save(trial, rec);
            progress.ended(trial, SweepResults.auc(rec), null, seconds);
        }

        @Override
        public void failed(Trial trial, Throwable error, double seconds) {
            String message = describe(error);
            save(trial, TrialStore.failed(trial, execution, message, seconds));
            progress.ended(trial, null, message, seconds);
        }

        private void save(Trial trial, Map<String, Object> rec) {
            try {
                store.write(trial.id(), rec);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the file of trial " + trial.id(), e);
            }
        }
    }

    /**
     * The error of a failed trial in one line: the innermost cause's class and message. A task failure arrives
     * as a SparkException whose message holds the executor's exception as text; its line naming the cause is kept.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? "" : root.getMessage();
        if (root instanceof SparkException) {
            int at = msg.indexOf("): ");
            msg = at >= 0 ? msg.substring(at + 3) : msg;
            int nl = msg.indexOf('\n');
            return nl >= 0 ? msg.substring(0, nl).trim() : msg.trim();
        }
        return root.getClass().getName() + ": " + msg;
    }
}
