package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link ExecutorLossGuard} does with an executor-removed event, on a local context (the event is handed to the
 * guard directly; the real loss of a worker is WorkerKillIT's). A loss outside a fit is only recorded — the epoch's
 * evaluation and checkpoint must still run — and a loss inside one cancels the fit's jobs, those running and those
 * started after it.
 */
class ExecutorLossGuardTest {

    static LocalSpark spark;

    @BeforeAll
    static void start() {
        spark = new LocalSpark("ExecutorLossGuardTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static SparkListenerExecutorRemoved removed(String id) {
        return new SparkListenerExecutorRemoved(System.currentTimeMillis(), id,
                "worker lost: 127.0.0.1:1 got disassociated");
    }

    /**
     * A job of 2 tasks that each take about {@code millis} ms, submitted from the calling thread; a cancel
     * interrupts its tasks, so that the next test finds both local cores free.
     */
    static long slowJob(long millis) {
        spark.sc.setLocalProperty("spark.job.interruptOnCancel", "true");
        JavaRDD<Integer> rdd = spark.sc.parallelize(List.of(1, 2), 2);
        return rdd.map(i -> {
            Thread.sleep(millis);
            return i;
        }).count();
    }

    @Test
    void aLossOutsideAFitIsRecordedAndCancelsNothing() {
        try (ExecutorLossGuard guard = new ExecutorLossGuard(spark.sc.sc())) {
            assertNull(guard.lost());
            guard.onExecutorRemoved(removed("7"));
            assertEquals(2, slowJob(300)); // an evaluation after the loss runs to its end
            assertEquals("executor 7 (worker lost: 127.0.0.1:1 got disassociated)", guard.lost());
            guard.onExecutorRemoved(removed("8"));
            assertTrue(guard.lost().startsWith("executor 7 "), "the first loss is the one reported: " + guard.lost());
        }
    }

    @Test
    void aLossDuringAFitCancelsItsRunningJob() throws Exception {
        try (ExecutorLossGuard guard = new ExecutorLossGuard(spark.sc.sc())) {
            guard.fitting(true);
            CompletableFuture<Long> job = CompletableFuture.supplyAsync(() -> slowJob(120_000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (spark.sc.statusTracker().getActiveJobIds().length == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            guard.onExecutorRemoved(removed("3"));
            // 2 minutes per task without the cancel
            Exception e = assertThrows(Exception.class, () -> job.get(90, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause()).contains("cancel"), String.valueOf(e));
            guard.fitting(false);
        }
    }

    @Test
    void aJobAFitStartsAfterTheLossIsCancelledAsItStarts() {
        try (ExecutorLossGuard guard = new ExecutorLossGuard(spark.sc.sc())) {
            guard.fitting(true);
            guard.onExecutorRemoved(removed("5")); // nothing runs yet: cancelAllJobs reaches nothing
            Exception e = assertThrows(Exception.class, () -> slowJob(120_000));
            assertTrue(String.valueOf(e).contains("cancel"), String.valueOf(e));
            guard.fitting(false);
            // after the fit, jobs run again (the trainer refuses the next fit itself, by lost())
            assertEquals(2, spark.sc.parallelize(IntStream.range(0, 2).boxed().toList(), 2).count());
        }
    }
}
