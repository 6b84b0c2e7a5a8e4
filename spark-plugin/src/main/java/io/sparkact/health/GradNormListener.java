package io.sparkact.health;

import java.util.List;
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
 * <p>Values go through a {@link TaskAccumulator}, which finds the copy of the task that is fitting (see there why
 * the listener's own copy is not enough under SharedTrainingMaster).
 */
public final class GradNormListener extends BaseTrainingListener implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final TaskAccumulator<GradNorms> accumulator;
    private final List<String> weightVertices;

    /**
     * @param accumulator registered on the driver (executor copies need its id)
     * @param weightVertices per hidden layer, the vertex whose "W" gradient is measured
     */
    public GradNormListener(MergeableAccumulator<GradNorms> accumulator, List<String> weightVertices) {
        this.accumulator = new TaskAccumulator<>(accumulator);
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
        accumulator.add(GradNorms.identity().add(norms));
    }
}
