package io.sparkact.train;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Fails a gradient-sharing fit as soon as Spark loses an executor. SharedTrainingMaster's workers form one
 * Aeron mesh with the driver for the whole fit; a task that Spark reruns elsewhere cannot rejoin it, and the fit
 * then waits for the lost worker for good (measured in WorkerKillIT). Cancelling the fit's jobs turns that wait
 * into an error naming the executor, so the run ends with exit 1 and no result, and its epoch checkpoints are left
 * for a rerun to resume from. Parameter averaging needs no guard: Spark reruns its lost tasks.
 */
final class ExecutorLossGuard extends SparkListener implements AutoCloseable {

    private final SparkContext sc;
    private volatile String lost;

    /** Listens from now until {@link #close()}. */
    ExecutorLossGuard(SparkContext sc) {
        this.sc = sc;
        sc.addSparkListener(this);
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        if (lost == null) {
            lost = "executor " + removed.executorId() + " (" + removed.reason() + ")";
            sc.cancelAllJobs();
        }
    }

    /** The executor lost while listening, described, or null. */
    String lost() {
        return lost;
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
