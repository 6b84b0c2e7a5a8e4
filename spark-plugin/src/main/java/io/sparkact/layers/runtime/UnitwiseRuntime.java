package io.sparkact.layers.runtime;

import io.sparkact.layers.UnitwiseLayer;
import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime skeleton of an element-wise layer with trainable parameters or state: input checks, input
 * dropout, workspace handling and gradient bookkeeping, so that {@link PRelu}, {@link TrainableSwish} and
 * {@link Dice} only state their formulas. Input is {@code [batch, units]} or {@code [batch, units, time]}.
 *
 * <p>Outputs are written into arrays taken from the workspace manager (ACTIVATIONS forward,
 * ACTIVATION_GRAD backward) as DL4J's own layers do; the input is never modified because backprop
 * needs it.
 */
public abstract class UnitwiseRuntime<C extends UnitwiseLayer> extends BaseLayer<C> {

    private static final long serialVersionUID = 1L;

    protected UnitwiseRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Writes f(x) into {@code out} (same shape as x). {@code training} is the mode of the pass; only a
     * layer whose function depends on it (Dice: batch or running statistics) uses it.
     */
    protected abstract void forward(INDArray x, INDArray out, boolean training);

    /**
     * Writes dL/dx into {@code dLdx} and the parameter gradients into this layer's gradient views,
     * registering them in {@code gradient}.
     */
    protected abstract void backward(INDArray x, INDArray epsilon, INDArray dLdx, Gradient gradient);

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = checkedInput();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        forward(x, out, training);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = checkedInput();
        INDArray dLdx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        Gradient gradient = new DefaultGradient();
        backward(x, epsilon.castTo(dataType), dLdx, gradient);
        return new Pair<>(gradient, backpropDropOutIfPresent(dLdx));
    }

    /** The gradient view of {@code key}, registered in {@code gradient}. */
    protected INDArray gradientView(String key, Gradient gradient) {
        INDArray view = gradientViews.get(key);
        gradient.setGradientFor(key, view);
        return view;
    }

    /** The parameter {@code [1, units]} shaped to broadcast against an input of the given rank. */
    protected static INDArray perUnit(INDArray row, int rank) {
        return rank == 2 ? row : row.reshape(1, row.length(), 1);
    }

    private INDArray checkedInput() {
        INDArray x = input.castTo(dataType);
        long units = layerConf().getNIn();
        if ((x.rank() != 2 && x.rank() != 3) || x.size(1) != units) {
            throw new DL4JInvalidInputException("Expected input [batch, " + units + "] or [batch, " + units
                    + ", time], got shape " + Arrays.toString(x.shape()) + " " + layerId());
        }
        return x;
    }
}
