package io.sparkact.health;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the activation health of one minibatch from a forward pass, on whichever JVM holds the model
 * (an executor's copy in {@code io.sparkact.train.Evaluator}).
 *
 * <p>f′ comes from each activation's own backprop with dL/df = 1, so every catalogue entry is covered
 * without a derivative table:
 * <ul>
 *   <li>dense layer with an {@code IActivation}: z = x·W + b recomputed from the layer's input and
 *       parameters (DL4J keeps no pre-activation after inference), then {@code activation.backprop(z, 1)};
 *   <li>dense(identity) + unit-wise layer (Dice, PReLU, trainable Swish): z is the dense output; the layer
 *       is run forward in inference mode on z and {@code backpropGradient(1)} returns f′ element by element
 *       (Dice then differentiates its running-statistics form, the function it applies at inference);
 *   <li>Maxout, which is not element-wise: out_j = max_i z_{j,i}. Its f′ per output unit is defined as
 *       Σ_i ∂out_j/∂z_{j,i}, the total gradient its backprop routes into unit j's pieces for ε_j = 1 — the
 *       arg-max piece takes all of it, so it is exactly 1. A maxout unit is piecewise linear and never
 *       blocks the gradient: its dead and saturated fractions are 0 by construction; mean, std,
 *       active_fraction and max_abs still describe it.
 * </ul>
 * The probe changes the model's gradient views (a unit-wise layer's backprop writes its parameter
 * gradients there), never its parameters: use it on a copy that is not being trained.
 */
public final class HealthProbe {

    private final ComputationGraph graph;
    private final List<HiddenLayer> layers;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    /** A probe of {@code graph}'s hidden layers (see {@link HiddenLayer#of}). */
    public HealthProbe(ComputationGraph graph) {
        this.graph = graph;
        this.layers = HiddenLayer.of(graph.getConfiguration());
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView(); // unit-wise layers write parameter gradients into these views
        }
    }

    public List<HiddenLayer> layers() {
        return layers;
    }

    /** The identity of this network's health statistics, one empty layer per hidden layer. */
    public HealthStats emptyStats() {
        return HealthStats.forUnits(HiddenLayer.units(layers));
    }

    /**
     * Adds one minibatch to {@code into}. {@code activations} is {@code graph.feedForward(features, false)}
     * for that minibatch.
     */
    public void add(Map<String, INDArray> activations, HealthStats into) {
        for (HiddenLayer h : layers) {
            INDArray out = activations.get(h.outputVertex());
            int rows = (int) out.size(0);
            INDArray fprime = derivative(h, activations, out);
            into.layer(h.index()).add(toDoubles(out), toDoubles(fprime), rows);
        }
    }

    private INDArray derivative(HiddenLayer h, Map<String, INDArray> activations, INDArray out) {
        switch (h.kind()) {
            case ELEMENT_WISE: {
                Layer dense = graph.getLayer(h.weightVertex());
                INDArray x = activations.get(h.inputVertex()).castTo(dense.getParam("W").dataType());
                INDArray z = x.mmul(dense.getParam("W")).addiRowVector(dense.getParam("b"));
                return h.activation().backprop(z, Nd4j.onesLike(z)).getFirst();
            }
            case UNIT_LAYER: {
                INDArray z = activations.get(h.weightVertex()).dup();
                Layer unitwise = graph.getLayer(h.outputVertex());
                unitwise.setInput(z, mgr);
                unitwise.activate(false, mgr); // sets the mode that backprop differentiates (Dice)
                return unitwise.backpropGradient(Nd4j.onesLike(z), mgr).getSecond();
            }
            default:
                return Nd4j.ones(DataType.DOUBLE, out.shape());
        }
    }

    private static double[] toDoubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
