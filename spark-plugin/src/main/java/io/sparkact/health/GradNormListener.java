package io.sparkact.health;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training listener that records, for every minibatch a worker fits, the L2 norm of each hidden layer's
 * weight gradient ({@code h{i}_0_W}: the raw data gradient, before the updater and before L2
 * regularisation, which DL4J applies in the updater) into a {@link MergeableAccumulator} of
 * {@link GradNorms}. Set it with {@code SparkComputationGraph.setListeners}: both training masters ship
 * their listeners to the workers inside the training closure.
 *
 * <p>Why the accumulator is looked up per task: an accumulator copy only reports what it received while
 * its own task ran. Under {@code ParameterAveragingTrainingMaster} every task deserialises the listener and
 * fits a fresh network with it, so its own copy is the live one. {@code SharedTrainingMaster}
 * ({@code SharedTrainingWrapper}, one worker per node) keeps the network of the first fit on a JVM and
 * attaches the listeners only to that first network, so in later epochs the listener being called is the
 * one deserialised in an earlier, finished task, whose copy no longer reports. Each deserialised copy
 * therefore registers its accumulator under (task attempt, accumulator id), and a call on a Spark task
 * thread adds to the copy registered by that thread's current task — the task that is fitting. A call
 * outside any Spark task (a plain {@code fit} on the driver) adds to the listener's own accumulator.
 */
public final class GradNormListener extends BaseTrainingListener implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Accumulator copies of running tasks, by "taskAttemptId/accumulatorId". */
    private static final ConcurrentHashMap<String, MergeableAccumulator<GradNorms>> LIVE = new ConcurrentHashMap<>();

    private final MergeableAccumulator<GradNorms> accumulator;
    private final List<String> weightVertices;

    /**
     * @param accumulator registered on the driver (executor copies need its id)
     * @param weightVertices per hidden layer, the vertex whose "W" gradient is measured
     */
    public GradNormListener(MergeableAccumulator<GradNorms> accumulator, List<String> weightVertices) {
        this.accumulator = accumulator;
        this.weightVertices = List.copyOf(weightVertices);
    }

    @Override
    public void onGradientCalculation(Model model) {
        Gradient g = model.gradient();
        if (g == null) {
            return;
        }
        double[] norms = new double[weightVertices.size()];
        for (int i = 0; i < norms.length; i++) {
            INDArray w = g.getGradientFor(weightVertices.get(i) + "_W");
            norms[i] = w == null ? Double.NaN : w.norm2Number().doubleValue();
        }
        MergeableAccumulator<GradNorms> target = target();
        if (target != null) {
            target.add(GradNorms.identity().add(norms));
        }
    }

    /** The accumulator copy of the running task, or the own one outside Spark tasks; null if none is live. */
    private MergeableAccumulator<GradNorms> target() {
        TaskContext tc = TaskContext.get();
        return tc == null ? accumulator : LIVE.get(key(tc, accumulator));
    }

    private static String key(TaskContext tc, MergeableAccumulator<?> acc) {
        return tc.taskAttemptId() + "/" + acc.id();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        TaskContext tc = TaskContext.get();
        if (tc != null) {
            String key = key(tc, accumulator);
            LIVE.put(key, accumulator);
            tc.addTaskCompletionListener((TaskCompletionListener) ctx -> LIVE.remove(key));
        }
    }
}
