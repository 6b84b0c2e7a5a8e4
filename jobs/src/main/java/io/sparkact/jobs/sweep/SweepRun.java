package io.sparkact.jobs.sweep;

import io.sparkact.data.FeatureEncoder;
import io.sparkact.data.FeatureEncoding;
import io.sparkact.data.FeatureSpec;
import io.sparkact.data.InputReader;
import io.sparkact.data.NumericTransform;
import io.sparkact.data.ReadResult;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.report.Report;
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
import java.util.function.Function;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One sweep, stage by stage: find the trials already on disk → read and encode the data once, when a trial
 * has to run → run the rest (trial-parallel or data-parallel), writing each trial's file as it ends →
 * trials.csv, summary.csv and best.conf from all the planned trials' files → report.html (the report job's
 * reader over OUTPUT). Halving runs rung after rung through {@link HalvingRun}.
 */
final class SweepRun {

    private final JobConfig c;
    private final SweepPlan plan;
    private final SparkSession spark;
    private final PrintStream out;
    private final PrintStream log;
    private final String output;
    private final TrialStore store;
    private Prepared prepared;

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
        List<Trial> trials;
        try {
            if (plan.strategy().equals("halving")) {
                trials = new HalvingRun(plan, c.integer(SweepKeys.ETA), output, out, this).run();
            } else {
                trials = plan.trials();
                Progress progress = new Progress(out, trials.size());
                runPending("sweep: " + trials.size() + " trials (" + plan.strategy() + ")", trials,
                        t -> TrialTask.Checkpoints.NONE, progress);
            }
        } finally {
            if (prepared != null) {
                prepared.train.release();
                prepared.valid.release();
            }
        }
        Map<String, Map<String, Object>> records = new LinkedHashMap<>(store.readAll(log));
        Trial best = SweepResults.write(output, trials, records);
        long failed = trials.stream().filter(t -> records.containsKey(t.id())
                && TrialStore.FAILED.equals(records.get(t.id()).get("status"))).count();
        if (best == null) {
            throw new IllegalStateException("every trial of the sweep failed (" + failed + " of " + trials.size()
                    + "); the errors are in " + output + "/trials.csv");
        }
        // the report reads the trial files back, as `sparkact report --set report.inputs=OUTPUT` would
        Report.write(List.of(output), output + "/" + Report.FILE_NAME, "SparkAct sweep: " + output);
        out.printf(Locale.ROOT, "best: %s %s, AUC %.4f; %d failed; wrote %s/{trials.csv,summary.csv,best.conf,"
                + "report.html}%n", best.id(), best.label(), SweepResults.auc(records.get(best.id())), failed, output);
    }

    /**
     * Runs the trials that have no file yet (or a failed one, with sweep.retry_failed), printing {@code title}
     * with the counts first; returns every trial's record afterwards, by id.
     */
    Map<String, Map<String, Object>> runPending(String title, List<Trial> trials,
                                                Function<Trial, TrialTask.Checkpoints> checkpoints,
                                                Progress progress) throws Exception {
        Map<String, Map<String, Object>> onDisk = store.readAll(log);
        List<Trial> todo = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> rec = onDisk.get(t.id());
            if (rec == null || TrialStore.FAILED.equals(rec.get("status")) && c.bool(SweepKeys.RETRY_FAILED)) {
                todo.add(t);
            } else {
                progress.known(t, SweepResults.auc(rec));
            }
        }
        out.printf(Locale.ROOT, "%s, %d already done, %d to run -> %s%n", title, trials.size() - todo.size(),
                todo.size(), output);
        if (!todo.isEmpty()) {
            Prepared p = prepare();
            Sink sink = new Sink(p.execution, progress);
            long t0 = System.nanoTime();
            if (p.execution.equals("trial-parallel")) {
                new TrialParallel(p.sc, p.enc, p.trainPath, p.validPath, p.parallelism).run(todo, checkpoints, sink);
            } else {
                new DataParallel(p.sc, p.enc, p.train.good(), p.valid.good(), log).run(todo, sink);
            }
            // the trials' own wall time, apart from reading and encoding the data once (prepare) and the summary
            out.printf(Locale.ROOT, "trials: %d ran in %.1f s%n", todo.size(), (System.nanoTime() - t0) / 1e9);
        }
        return store.readAll(log);
    }

    /** What running trials needs, made once: the data read and encoded, and the execution chosen. */
    private record Prepared(ReadResult train, ReadResult valid, FeatureEncoding enc, JavaSparkContext sc,
                            String execution, int parallelism, String trainPath, String validPath) {
    }

    private Prepared prepare() throws Exception {
        if (prepared != null) {
            return prepared;
        }
        long t0 = System.nanoTime();
        ReadResult train = InputReader.read(spark, TrainRun.input(c, "input.train"), output + "/quarantine/train");
        ReadResult valid = InputReader.read(spark, TrainRun.input(c, "input.valid"), output + "/quarantine/valid");
        log.println("read: " + train + "; " + valid);
        FeatureEncoding enc = FeatureEncoder.fit(train.good(), TrainRun.schema(c), FeatureSpec.of(
                c.integer("features.hash_buckets"),
                NumericTransform.parse("features.numeric_transform", c.string("features.numeric_transform")),
                c.integer("features.numeric_buckets")));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String execution = execution(train.used());
        int parallelism = c.integer(SweepKeys.PARALLELISM) > 0 ? c.integer(SweepKeys.PARALLELISM) : sc.defaultParallelism();
        String trainPath = output + "/_sample/train.bin";
        String validPath = output + "/_sample/valid.bin";
        if (execution.equals("trial-parallel")) {
            int batch = c.integer("training.batch_size");
            InMemoryData.of(enc.toMultiDataSets(train.good(), batch).collect()).save(trainPath);
            InMemoryData.of(enc.toMultiDataSets(valid.good(), batch).collect()).save(validPath);
            out.printf(Locale.ROOT, "execution: trial-parallel, %d trials at once (%d training rows)%n",
                    parallelism, train.used());
        } else if (plan.strategy().equals("halving")) {
            throw new IllegalStateException("sweep.strategy=halving needs trial-parallel execution, but the "
                    + train.used() + " training rows exceed sweep.max_trial_rows=" + c.longValue(SweepKeys.MAX_TRIAL_ROWS)
                    + "; raise it or use strategy grid or random");
        } else {
            out.printf(Locale.ROOT, "execution: data-parallel, one distributed training after another (%d "
                    + "training rows)%n", train.used());
        }
        out.printf(Locale.ROOT, "data: read and encoded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        prepared = new Prepared(train, valid, enc, sc, execution, parallelism, trainPath, validPath);
        return prepared;
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
