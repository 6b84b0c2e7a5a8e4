package io.sparkact.bench.kernels;

import java.util.Collections;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A runtime layer outside any network, as a network runs it in training: {@code activate(true)} and
 * {@code backpropGradient}, every array of the pass in a workspace ({@link PassWorkspace}). The layer never
 * modifies its input, so nothing needs restoring.
 *
 * <p>Per-unit layers (Dice, PReLU, trainable Swish) take the [rows, {@value Kernels#UNITS}] input itself.
 * Maxout replaces a dense layer: it gets the first {@value #MAXOUT_IN} columns as input and produces
 * [rows, {@value Kernels#UNITS}] outputs, so its max over pieces touches as many output elements as the others,
 * plus its affine part (a matrix product with only {@value #MAXOUT_IN} inputs per output, kept small so that the
 * element-wise part is visible).
 */
final class LayerKernel implements Kernel {

    /** Inputs of the Maxout (and dense reference) layer. */
    static final int MAXOUT_IN = 4;

    private final org.deeplearning4j.nn.api.Layer layer;
    private final INDArray x;
    private final INDArray eps;
    private final LayerWorkspaceMgr mgr = PassWorkspace.layerManager();

    private LayerKernel(org.deeplearning4j.nn.api.Layer layer, INDArray x, INDArray eps) {
        this.layer = layer;
        this.x = x;
        this.eps = eps;
    }

    /** A layer with nIn == nOut == units (configured so by the catalogue). */
    static LayerKernel perUnit(Layer conf, INDArray src, INDArray eps) {
        return new LayerKernel(instantiate(conf), src, eps);
    }

    /** A dense-replacing layer (Maxout) or a dense reference, fed {@value #MAXOUT_IN} columns of {@code src}. */
    static LayerKernel denseReplacement(Layer conf, INDArray src, INDArray eps) {
        conf.setNIn(InputType.feedForward(MAXOUT_IN), true);
        INDArray x = src.get(NDArrayIndex.all(), NDArrayIndex.interval(0, MAXOUT_IN)).dup('c');
        return new LayerKernel(instantiate(conf), x, eps);
    }

    private static org.deeplearning4j.nn.api.Layer instantiate(Layer conf) {
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).layer(conf).build();
        long n = conf.initializer().numParams(nnc);
        INDArray params = n == 0 ? null : Nd4j.create(DataType.FLOAT, 1, n);
        org.deeplearning4j.nn.api.Layer layer = conf.instantiate(nnc, Collections.emptyList(), 0, params, true,
                DataType.FLOAT);
        if (n > 0) {
            layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, n));
        }
        return layer;
    }

    @Override
    public void forward() {
        try (MemoryWorkspace ws = PassWorkspace.open()) {
            layer.setInput(x, mgr);
            layer.activate(true, mgr);
        }
    }

    @Override
    public void forwardBackward() {
        try (MemoryWorkspace ws = PassWorkspace.open()) {
            layer.setInput(x, mgr);
            layer.activate(true, mgr);
            layer.backpropGradient(eps, mgr);
        }
    }

    @Override
    public void reset() {
    }
}
