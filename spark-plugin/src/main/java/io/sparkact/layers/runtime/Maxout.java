package io.sparkact.layers.runtime;

import io.sparkact.layers.MaxoutLayer;
import io.sparkact.layers.params.MaxoutParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link MaxoutLayer} (Goodfellow et al. 2013, "Maxout Networks", eq. 1):
 * {@code z = x·W + b} with {@code W [nIn, nOut·k]}, then {@code out_j = max_i z_{j·k+i}}.
 *
 * <p>The affine part is DL4J's dense pre-output (same parameter keys, so input dropout, weight noise and
 * masks behave as in a dense layer). Backprop routes ε_j to the arg-max piece only (max is piecewise
 * linear, its subgradient picks the active piece). <b>Ties</b> (several pieces equal to the maximum) go
 * to the lowest piece index i, deterministically: the pieces are scanned in order and a piece is chosen
 * only where no earlier piece was, so the gradient is never split or duplicated.
 */
public class Maxout extends BaseLayer<MaxoutLayer> {

    private static final long serialVersionUID = 1L;

    public Maxout(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

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
        INDArray z = preOutput(training, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                z.size(0), layerConf().getNOut());
        maxOverPieces(z, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        INDArray max = Nd4j.createUninitialized(dataType, z.size(0), layerConf().getNOut());
        maxOverPieces(z, max);
        INDArray dz = routeToArgMax(z, max, epsilon.castTo(dataType));
        if (maskArray != null) {
            applyMask(dz);
        }

        Gradient gradient = new DefaultGradient();
        INDArray biasGrad = gradientViews.get(MaxoutParamInitializer.BIAS_KEY);
        dz.sum(biasGrad, 0);
        gradient.setGradientFor(MaxoutParamInitializer.BIAS_KEY, biasGrad);
        INDArray weightGrad = gradientViews.get(MaxoutParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(dataType), dz, weightGrad, true, false, 1.0, 0.0);    // xᵀ·dz
        gradient.setGradientFor(MaxoutParamInitializer.WEIGHT_KEY, weightGrad);

        INDArray w = getParamWithNoise(MaxoutParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {dz.size(0), w.size(0)}, 'f');
        dz.mmul(w.transpose(), dx);                                                   // dz·Wᵀ
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(dx));
    }

    /** Columns i, i+k, i+2k, … of z: piece i of every unit, as a {@code [batch, nOut]} view. */
    private INDArray piece(INDArray z, int i) {
        int k = layerConf().getPieces();
        return z.get(NDArrayIndex.all(), NDArrayIndex.interval(i, k, z.size(1)));
    }

    private void maxOverPieces(INDArray z, INDArray out) {
        out.assign(piece(z, 0));
        for (int i = 1; i < layerConf().getPieces(); i++) {
            Transforms.max(out, piece(z, i), false);
        }
    }

    /** dL/dz: ε_j at the first piece i with z_{j,i} == max_j, 0 at every other piece. */
    private INDArray routeToArgMax(INDArray z, INDArray max, INDArray epsilon) {
        INDArray dz = z.ulike();
        INDArray taken = Nd4j.zeros(dataType, max.shape());
        for (int i = 0; i < layerConf().getPieces(); i++) {
            INDArray chosen = piece(z, i).eq(max).castTo(dataType).muli(taken.rsub(1.0));
            taken.addi(chosen);
            piece(dz, i).assign(chosen.muli(epsilon));
        }
        return dz;
    }
}
