package io.sparkact.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Layer-level helpers for the fixed test set of the layers with parameters: a single runtime layer
 * outside any network (for golden forward/backward values; it gets its own parameter and gradient
 * vectors, initialised by its ParamInitializer, and runs without workspaces), gradient checks in both
 * network kinds with chosen parameter values, and round trips of networks whose parameters have been
 * trained away from their initial values.
 */
public final class LayerChecks {

    private LayerChecks() {
    }

    /** {@link #standalone(Layer, DataType)} of {@code conf} after sizing it from {@code inputType}. */
    public static org.deeplearning4j.nn.api.Layer standalone(Layer conf, InputType inputType, DataType dataType) {
        conf.setNIn(inputType, true);
        return standalone(conf, dataType);
    }

    /**
     * One runtime layer with a gradient view, as a network would create it; parameters initialised.
     * {@code conf} must already know its nIn/nOut.
     */
    public static org.deeplearning4j.nn.api.Layer standalone(Layer conf, DataType dataType) {
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder()
                .dataType(dataType).updater(new NoOp()).weightInit(WeightInit.XAVIER).layer(conf).build();
        long n = conf.initializer().numParams(nnc);
        INDArray params = n == 0 ? null : Nd4j.create(dataType, 1, n);
        org.deeplearning4j.nn.api.Layer layer =
                conf.instantiate(nnc, Collections.emptyList(), 0, params, true, dataType);
        if (n > 0) {
            layer.setBackpropGradientsViewArray(Nd4j.create(dataType, 1, n));
        }
        return layer;
    }

    /** A [rows, cols] matrix of the given values in the given data type. */
    public static INDArray matrix(DataType dataType, double[][] values) {
        return Nd4j.create(values).castTo(dataType);
    }

    /**
     * The layer configuration after a JSON round trip inside a one-layer MultiLayerConfiguration
     * (input width {@code nIn}), to check that the layer's own fields are serialised.
     */
    @SuppressWarnings("unchecked")
    public static <L extends Layer> L jsonCopy(L conf, int nIn) {
        String json = new NeuralNetConfiguration.Builder().list().layer(conf)
                .setInputType(InputType.feedForward(nIn)).build().toJson();
        return (L) MultiLayerConfiguration.fromJson(json).getConf(0).getLayer();
    }

    /** Training-mode forward pass of a standalone layer (the input is kept for backprop). */
    public static INDArray forward(org.deeplearning4j.nn.api.Layer layer, INDArray x) {
        return forward(layer, x, true);
    }

    /** Forward pass of a standalone layer in training or eval mode (the input is kept for backprop). */
    public static INDArray forward(org.deeplearning4j.nn.api.Layer layer, INDArray x, boolean training) {
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return layer.activate(training, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Forward (training mode) then backward with dL/d(output) = epsilon: (parameter gradients, dL/dx). */
    public static Pair<Gradient, INDArray> backward(org.deeplearning4j.nn.api.Layer layer, INDArray x,
                                                    INDArray epsilon) {
        forward(layer, x);
        return layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
    }

    /**
     * Backward pass with dL/d(output) = {@code epsilon} after a {@link #forward} (in the mode of that
     * pass): returns dL/dx only.
     */
    public static INDArray backward(org.deeplearning4j.nn.api.Layer layer, INDArray epsilon) {
        return layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }

    /** assertArrayEquals on the flattened values, with the array shapes compared too. */
    public static void assertValues(double[][] expected, INDArray actual, double tol, String what) {
        assertArrayEquals(new long[] {expected.length, expected[0].length}, actual.shape(), what + " shape");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual.getRow(r).toDoubleVector(), tol, what + " row " + r);
        }
    }

    /**
     * Gradient checks (double precision; the caller has called {@link NetworkChecks#useDouble()}) of
     * input(nIn) → {@code layers} → softmax output, in a MultiLayerNetwork and a ComputationGraph.
     * Before the check, the parameters in {@code preset} (key → value) of layer {@code index} are set,
     * and every key in it must be a parameter of that layer, so the layer's own parameters are
     * certainly among the checked ones.
     */
    public static void assertGradientChecksPass(int nIn, int rows, Supplier<Layer[]> layers, int index,
                                                Map<String, INDArray> preset) {
        INDArray x = NetworkChecks.features(DataType.DOUBLE, 42, rows, nIn);
        INDArray y = NetworkChecks.randomLabels(DataType.DOUBLE, 43, rows);

        MultiLayerNetwork net = NetworkChecks.mln(DataType.DOUBLE, 12345, nIn, layers.get());
        presetParams(net.getLayer(index), preset);
        NetworkChecks.assertGradientsPass(net, x, y);

        ComputationGraph graph = NetworkChecks.graph(DataType.DOUBLE, 12345, nIn, layers.get());
        presetParams(graph.getLayer("l" + index), preset);
        NetworkChecks.assertGradientsPass(graph, x, y);
    }

    private static void presetParams(org.deeplearning4j.nn.api.Layer layer, Map<String, INDArray> preset) {
        for (Map.Entry<String, INDArray> e : preset.entrySet()) {
            assertTrue(layer.paramTable().containsKey(e.getKey()), "no parameter " + e.getKey());
            layer.setParam(e.getKey(), e.getValue());
        }
    }

    /**
     * Trains input(4) → {@code layers} → softmax as a MultiLayerNetwork and as a ComputationGraph for
     * a few Adam steps on the toy problem (so every parameter has moved and the updater has state),
     * asserts every entry of parameter {@code key} of layer {@code index} moved, then runs
     * the JSON and ModelSerializer round trips of both (identical configuration, parameters and output).
     */
    public static void assertRoundTripsAfterTraining(Supplier<Layer[]> layers, int index, String key) {
        DataSet ds = NetworkChecks.toyProblem(DataType.FLOAT, 7);
        // NetworkChecks' round trips compare outputs with toDoubleVector(), which needs a single row;
        // the restored networks are then compared on a whole batch here
        INDArray row = NetworkChecks.features(DataType.FLOAT, 98, 1, 4);
        INDArray batch = NetworkChecks.features(DataType.FLOAT, 99, 16, 4);

        MultiLayerNetwork net = new MultiLayerNetwork(listConf(layers.get()));
        net.init();
        double[] initial = net.getLayer(index).getParam(key).ravel().toDoubleVector();
        train(net, ds);
        assertMoved(net.getLayer(index), key, initial);
        assertIdentical(net.output(batch, false), NetworkChecks.jsonRoundTrip(net, row).output(batch, false));
        assertIdentical(net.output(batch, false),
                NetworkChecks.modelSerializerRoundTrip(net, row).output(batch, false));

        ComputationGraph graph = new ComputationGraph(graphConf(layers.get()));
        graph.init();
        initial = graph.getLayer("l" + index).getParam(key).ravel().toDoubleVector();
        train(graph, ds);
        assertMoved(graph.getLayer("l" + index), key, initial);
        assertIdentical(graph.outputSingle(false, batch),
                NetworkChecks.jsonRoundTrip(graph, row).outputSingle(false, batch));
        assertIdentical(graph.outputSingle(false, batch),
                NetworkChecks.modelSerializerRoundTrip(graph, row).outputSingle(false, batch));
    }

    /** Same shape and bit-identical values. */
    public static void assertIdentical(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertArrayEquals(expected.ravel().toDoubleVector(), actual.ravel().toDoubleVector(), 0.0,
                "output changed in a round trip");
    }

    private static void train(Model model, DataSet ds) {
        for (int i = 0; i < 5; i++) {
            if (model instanceof MultiLayerNetwork) {
                ((MultiLayerNetwork) model).fit(ds);
            } else {
                ((ComputationGraph) model).fit(ds);
            }
        }
    }

    private static void assertMoved(org.deeplearning4j.nn.api.Layer layer, String key, double[] initial) {
        INDArray p = layer.getParam(key);
        double[] now = p.ravel().toDoubleVector();
        for (int i = 0; i < now.length; i++) {
            assertFalse(now[i] == initial[i], key + " entry " + i + " did not move in training: " + p);
        }
        assertEquals(DataType.FLOAT, p.dataType());
    }

    private static NeuralNetConfiguration.Builder trainingBase() {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).weightInit(WeightInit.XAVIER);
    }

    private static OutputLayer softmaxOutput() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nOut(NetworkChecks.CLASSES).build();
    }

    private static MultiLayerConfiguration listConf(Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = trainingBase().list();
        for (Layer l : layers) {
            b.layer(l);
        }
        return b.layer(softmaxOutput()).setInputType(InputType.feedForward(4)).build();
    }

    private static ComputationGraphConfiguration graphConf(Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder b = trainingBase().graphBuilder().addInputs("in");
        String prev = "in";
        for (int i = 0; i < layers.length; i++) {
            b.addLayer("l" + i, layers[i], prev);
            prev = "l" + i;
        }
        return b.addLayer("out", softmaxOutput(), prev).setOutputs("out")
                .setInputTypes(InputType.feedForward(4)).build();
    }
}
