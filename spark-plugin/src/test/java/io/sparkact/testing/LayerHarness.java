package io.sparkact.testing;

import java.util.Collections;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One runtime layer on its own, outside any network, for golden-value tests of its forward and backward
 * pass: the layer gets its own parameter and gradient vectors (initialised by its ParamInitializer) and
 * runs without workspaces.
 */
public final class LayerHarness {

    private LayerHarness() {
    }

    /** Instantiates {@code conf} (which must know its nIn/nOut) with freshly initialised parameters. */
    public static Layer standalone(org.deeplearning4j.nn.conf.layers.Layer conf, DataType dataType) {
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(dataType).layer(conf).build();
        long n = nnc.getLayer().initializer().numParams(nnc);
        INDArray params = Nd4j.create(dataType, 1, n);
        Layer layer = nnc.getLayer().instantiate(nnc, Collections.emptyList(), 0, params, true, dataType);
        layer.setBackpropGradientsViewArray(Nd4j.create(dataType, 1, n));
        return layer;
    }

    /** Forward pass of {@code x} in training or eval mode. */
    public static INDArray forward(Layer layer, INDArray x, boolean training) {
        return layer.activate(x, training, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Backward pass of dL/dOutput = {@code epsilon} after a {@link #forward}: returns dL/dInput. */
    public static INDArray backward(Layer layer, INDArray epsilon) {
        return layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }

    /** A [rows, cols] matrix of the given values in the given data type. */
    public static INDArray matrix(DataType dataType, double[][] values) {
        return Nd4j.create(values).castTo(dataType);
    }
}
