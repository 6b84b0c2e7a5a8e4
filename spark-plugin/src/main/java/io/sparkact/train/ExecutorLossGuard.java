package io.sparkact.train;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Watches a gradient-sharing run for a lost executor, from its first fit to its end. SharedTrainingMaster's workers
 * form one Aeron mesh with the driver, set up by the run's first fit and kept for the rest of it; a worker that
 * disappears cannot rejoin it. A fit going on when the loss happens waits for the lost worker for good (measured in
 * WorkerKillIT), so the guard cancels the fit's jobs, which turns that wait into an error naming the executor. A
 * loss between fits (while an epoch is evaluated or checkpointed) is only recorded: that epoch is complete and its
 * checkpoint good, but the next fit would run with a dead member in the mesh and finish with a model that learned
 * nothing (a CI run did: val AUC 0.49 after the fit that followed the loss, exit 0), so the trainer refuses to start
 * it ({@link #lost()} before every fit). Parameter averaging needs no guard: Spark reruns its lost tasks.
 */
final class ExecutorLossGuard extends SparkListener implements AutoCloseable {

    private final SparkContext sc;
    private volatile String lost;
    private volatile boolean fitting;

    /** Listens from now until {@link #close()}. */
    ExecutorLossGuard(SparkContext sc) {
        this.sc = sc;
        sc.addSparkListener(this);
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        if (lost == null) {
            lost = "executor " + removed.executorId() + " (" + removed.reason() + ")";
            if (fitting) {
                sc.cancelAllJobs();
            }
        }
    }

    /**
     * A job a fit submits after the loss was seen (cancelAllJobs reaches only the jobs running at that moment) is
     * cancelled as it starts, so no job of the fit can wait for the lost worker.
     */
    @Override
    public void onJobStart(SparkListenerJobStart start) {
        if (fitting && lost != null) {
            sc.cancelJob(start.jobId());
        }
    }

    /** Marks the span of a fit: a loss inside it cancels the fit's jobs. */
    void fitting(boolean on) {
        fitting = on;
    }

    /** The executor lost since listening began, described, or null. */
    String lost() {
        return lost;
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
