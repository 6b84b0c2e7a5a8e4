package io.sparkact.health;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The way a training listener adds to a driver-registered {@link MergeableAccumulator}: {@link #add} goes to the
 * accumulator copy of the Spark task that is running on the calling thread.
 *
 * <p>Why not the listener's own copy: an accumulator copy only reports what it received while its own task ran.
 * Under {@code ParameterAveragingTrainingMaster} every task deserialises the listeners and fits a fresh network
 * with them, so its own copy is the live one. {@code SharedTrainingMaster} ({@code SharedTrainingWrapper}, one
 * worker per node) keeps the network of the first fit on a JVM and attaches the listeners only to that first
 * network, so in later epochs the listener being called is the one deserialised in an earlier, finished task,
 * whose copy no longer reports. Each deserialised copy therefore registers its accumulator under (task attempt,
 * accumulator id), and a call on a Spark task thread adds to the copy registered by that thread's current task —
 * the task that is fitting. A call outside any Spark task (a plain {@code fit} on the driver) adds to the own
 * accumulator.
 *
 * @param <T> the accumulated value
 */
public final class TaskAccumulator<T extends Mergeable<T>> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Accumulator copies of running tasks, by "taskAttemptId/accumulatorId". */
    private static final ConcurrentHashMap<String, MergeableAccumulator<?>> LIVE = new ConcurrentHashMap<>();

    private final MergeableAccumulator<T> accumulator;

    /** @param accumulator registered on the driver (executor copies need its id) */
    public TaskAccumulator(MergeableAccumulator<T> accumulator) {
        this.accumulator = accumulator;
    }

    /** Adds {@code value} to the running task's copy (the own one outside Spark tasks); dropped if none is live. */
    @SuppressWarnings("unchecked")
    public void add(T value) {
        TaskContext tc = TaskContext.get();
        MergeableAccumulator<T> target = tc == null ? accumulator : (MergeableAccumulator<T>) LIVE.get(key(tc));
        if (target != null) {
            target.add(value);
        }
    }

    private String key(TaskContext tc) {
        return tc.taskAttemptId() + "/" + accumulator.id();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        TaskContext tc = TaskContext.get();
        if (tc != null) {
            String key = key(tc);
            LIVE.put(key, accumulator);
            tc.addTaskCompletionListener((TaskCompletionListener) ctx -> LIVE.remove(key));
        }
    }
}
