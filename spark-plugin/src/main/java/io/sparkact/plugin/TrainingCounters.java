package io.sparkact.plugin;

import io.sparkact.health.HealthStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.TaskContext;

/**
 * The per-JVM registry that training code writes and the plugin reads. Static because the writers
 * ({@link MetricsListener} copies deserialised by each task, the health probe inside evaluation tasks) and the
 * plugin instance share nothing but the JVM; writing costs a few atomic operations, with or without the plugin.
 *
 * <p>Health: a probe pass is one Spark stage, so the stage id tells partitions of the latest pass (merged) from
 * those of an older one (replaced) and from a late straggler of an older one (ignored).
 */
public final class TrainingCounters {

    private static final LongAdder EXAMPLES = new LongAdder();
    private static final LongAdder MINIBATCHES = new LongAdder();
    private static final Object SCORE_LOCK = new Object();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Object HEALTH_LOCK = new Object();
    private static double lastScore = Double.NaN;
    private static long scoreMillis;
    private static int healthPass = -1;
    private static HealthStats health;

    private TrainingCounters() {
    }

    /** One fitted minibatch of {@code examples} examples. */
    public static void recordMinibatch(long examples) {
        EXAMPLES.add(examples);
        MINIBATCHES.increment();
    }

    /** The score of the minibatch just fitted. */
    public static void recordScore(double score) {
        synchronized (SCORE_LOCK) {
            lastScore = score;
            scoreMillis = System.currentTimeMillis();
        }
    }

    /** One partition's health statistics from a probe pass: the running task's stage (0 outside a Spark task). */
    public static void recordHealth(HealthStats partition) {
        TaskContext tc = TaskContext.get();
        recordHealth(tc == null ? 0 : tc.stageId(), partition);
    }

    /** One partition's health statistics from probe pass {@code pass} (passes increase over time). */
    public static void recordHealth(int pass, HealthStats partition) {
        if (partition == null || partition.isEmpty()) {
            return;
        }
        synchronized (HEALTH_LOCK) {
            if (pass > healthPass || health == null) {
                healthPass = pass;
                health = partition.copy();
            } else if (pass == healthPass) {
                health = health.merge(partition.copy());
            }
        }
    }

    /** The ND4J thread count the plugin set (and read back) on this JVM. */
    static void recordNd4jThreads(int threads) {
        THREADS.set(threads);
    }

    /** {@code executorId}'s report for the driver: each field is read atomically, together they may be a few updates apart. */
    public static ExecutorReport snapshot(String executorId) {
        double score;
        long millis;
        synchronized (SCORE_LOCK) {
            score = lastScore;
            millis = scoreMillis;
        }
        int pass;
        HealthStats h;
        synchronized (HEALTH_LOCK) {
            pass = healthPass;
            h = health == null ? null : health.copy();
        }
        return new ExecutorReport(executorId, SEQUENCE.incrementAndGet(), EXAMPLES.sum(), MINIBATCHES.sum(), score, millis,
                THREADS.get(), pass, h);
    }

    /** This JVM's counters as gauges read them. */
    public static TrainingView view() {
        return LOCAL;
    }

    /** Forgets everything (tests share one JVM). */
    static void reset() {
        EXAMPLES.reset();
        MINIBATCHES.reset();
        THREADS.set(0);
        synchronized (SCORE_LOCK) {
            lastScore = Double.NaN;
            scoreMillis = 0;
        }
        synchronized (HEALTH_LOCK) {
            healthPass = -1;
            health = null;
        }
    }

    private static final TrainingView LOCAL = new TrainingView() {
        @Override
        public long examplesTrained() {
            return EXAMPLES.sum();
        }

        @Override
        public long minibatches() {
            return MINIBATCHES.sum();
        }

        @Override
        public double lastScore() {
            synchronized (SCORE_LOCK) {
                return lastScore;
            }
        }

        @Override
        public int nd4jThreads() {
            return THREADS.get();
        }

        @Override
        public double deadFraction(int layer) {
            synchronized (HEALTH_LOCK) {
                return ClusterView.deadFraction(health, layer);
            }
        }
    };
}
