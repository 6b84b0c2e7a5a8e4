package io.sparkact.layers.runtime;

import io.sparkact.layers.EmbeddingLookupLayer;
import io.sparkact.layers.params.EmbeddingLookupParamInitializer;
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
 * Runtime of {@link EmbeddingLookupLayer}: forward gathers table rows into NWC {@code [batch, inputLength, dim]},
 * backward zeroes the table gradient and adds each position's epsilon row into the row of its index (repeated
 * indices accumulate), both in {@link TableLoops}. Behaves as DL4J's {@code EmbeddingSequenceLayer} (NWC, no bias,
 * identity activation): an input mask {@code [batch, inputLength]} multiplies the output rows and the epsilon rows,
 * and no epsilon is returned (the input is indices, not a differentiable value).
 *
 * <p>The only ND4J calls per pass are the output allocation, the copies of non-dense inputs, and none per index.
 */
public class EmbeddingLookup extends BaseLayer<EmbeddingLookupLayer> {

    private static final long serialVersionUID = 1L;

    public EmbeddingLookup(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int[] index = indices();
        double[] mask = mask();
        INDArray table = table(getParam(EmbeddingLookupParamInitializer.WEIGHT_KEY));
        long dim = table.size(1);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), layerConf().getInputLength(), dim}, 'c');
        TableLoops.gather(table, index, mask, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int[] index = indices();
        double[] mask = mask();
        INDArray grad = table(gradientViews.get(EmbeddingLookupParamInitializer.WEIGHT_KEY));
        long[] expected = {input.size(0), layerConf().getInputLength(), grad.size(1)};
        if (!Arrays.equals(epsilon.shape(), expected)) {
            throw new DL4JInvalidInputException("Expected epsilon " + Arrays.toString(expected) + " (NWC), got "
                    + Arrays.toString(epsilon.shape()) + " " + layerId());
        }
        INDArray e = TableLoops.denseC(epsilon, dataType) ? epsilon
                : workspaceMgr.dup(ArrayType.BP_WORKING_MEM, epsilon.castTo(dataType), 'c');
        TableLoops.scatterAdd(e, index, mask, grad);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(EmbeddingLookupParamInitializer.WEIGHT_KEY, grad);
        if (layerConf().hasFrequencyL2()) {
            // DL4J's updater divides the whole gradient by the minibatch size before it applies anything, so the
            // term λ·w_j/n_j of the paper's update rule goes in multiplied by that size.
            FrequencyL2.addGradient(table(getParam(EmbeddingLookupParamInitializer.WEIGHT_KEY)), inverseCounts(),
                    index, mask, layerConf().getFrequencyL2() * input.size(0), grad);
            INDArray countGrad = gradientViews.get(EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY);
            countGrad.assign(0);   // data, not learned: with the NoOp updater any non-zero here would be subtracted
            gradient.setGradientFor(EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY, countGrad);
        }
        return new Pair<>(gradient, null);
    }

    /**
     * The network's regularisation score of this layer plus, with the mini-batch aware L2 on and an input set, the
     * penalty Σ_j λ/(2·n_j)·|w_j|² over the distinct rows j of the current minibatch: the score whose gradient the
     * backward pass adds (so DL4J's gradient checks hold with the penalty on). Without an input (e.g. after a fit,
     * when DL4J has cleared it) only the network's part.
     */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        double base = super.calcRegularizationScore(backpropParamsOnly);
        if (!layerConf().hasFrequencyL2() || input == null) {
            return base;
        }
        return base + FrequencyL2.score(table(getParam(EmbeddingLookupParamInitializer.WEIGHT_KEY)), inverseCounts(),
                indices(), mask(), layerConf().getFrequencyL2());
    }

    /** 1 / n_j per row as a dense vector of the layer's precision. */
    private INDArray inverseCounts() {
        return getParam(EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY);
    }

    /** The table (or its gradient view), checked to be the 'f'-ordered layout the loops address. */
    private INDArray table(INDArray t) {
        if (!TableLoops.denseF(t, dataType)) {
            throw new IllegalStateException("Embedding table of " + layerId() + " is not a dense 'f'-ordered "
                    + dataType + " matrix: shape " + Arrays.toString(t.shape()) + ", stride "
                    + Arrays.toString(t.stride()) + ", " + t.dataType());
        }
        return t;
    }

    /** The input's indices in row-major order (position p = example·inputLength + field), range-checked. */
    private int[] indices() {
        int length = layerConf().getInputLength();
        if (input.rank() != 2 || input.size(1) != length) {
            throw new DL4JInvalidInputException("Expected input [batch, " + length + "] of indices, got shape "
                    + Arrays.toString(input.shape()) + " " + layerId());
        }
        double[] v = values(input);
        long vocab = layerConf().getNIn();
        int[] index = new int[v.length];
        for (int p = 0; p < v.length; p++) {
            double x = v[p];
            if (!(x >= 0 && x < vocab) || x != Math.rint(x)) {
                throw new DL4JInvalidInputException("Invalid index " + x + " at example " + p / length
                        + ", position " + p % length + " " + layerId() + ": indices must be integers in [0, "
                        + vocab + ") (vocabulary)");
            }
            index[p] = (int) x;
        }
        return index;
    }

    /** The mask as one value per position, or null; shape [batch, inputLength] as DL4J's layer requires. */
    private double[] mask() {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.rank() != 2 || !Arrays.equals(maskArray.shape(), input.shape())) {
            throw new IllegalStateException("Mask array for " + layerId() + " must be rank 2 with the input's shape "
                    + Arrays.toString(input.shape()) + ", got " + Arrays.toString(maskArray.shape()));
        }
        return values(maskArray);
    }

    /** Values of a small array (indices or mask) in row-major order, as doubles. */
    private static double[] values(INDArray a) {
        DataType t = a.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        INDArray dense = TableLoops.denseC(a, t) ? a : a.castTo(t).dup('c');
        return TableLoops.readDoubles(dense);
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** RECURRENT, as DL4J's embedding-sequence layer: its output is a sequence [batch, length, dim]. */
    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
