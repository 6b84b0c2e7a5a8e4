package io.sparkact.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network-level part of the fixed test set every activation and layer gets (STYLE.md):
 * gradient checks in MultiLayerNetwork and ComputationGraph, JSON and ModelSerializer round trips,
 * and "trains 20 steps on a toy problem and its loss falls".
 *
 * <p>Gradient-check settings are DL4J's own conventions (double precision, eps 1e-6, max relative
 * error 1e-3, min absolute error 1e-8, no-op updater, fixed seed).
 */
public final class NetworkChecks {

    /** Number of classes of the toy problems and gradient-check labels. */
    public static final int CLASSES = 2;

    private NetworkChecks() {
    }

    /** Gradient checks need double precision everywhere (GradientCheckUtil refuses otherwise). */
    public static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Back to DL4J's default float precision. */
    public static void useFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /**
     * A MultiLayerNetwork: feed-forward input of width {@code nIn} → {@code layers} → softmax output
     * with {@link #CLASSES} classes (MCXENT). nIn of every layer is inferred from the input type, so the
     * given layers only need nOut where they have one. Updater NoOp: ready for gradient checks.
     */
    public static MultiLayerNetwork mln(DataType dataType, long seed, int nIn, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list();
        for (Layer l : layers) {
            b.layer(l);
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nOut(CLASSES).build());
        MultiLayerConfiguration conf = b.setInputType(InputType.feedForward(nIn)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same chain as {@link #mln} as a ComputationGraph (vertices "l0", "l1", …, "out"). */
    public static ComputationGraph graph(DataType dataType, long seed, int nIn, Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in");
        String prev = "in";
        for (int i = 0; i < layers.length; i++) {
            b.addLayer("l" + i, layers[i], prev);
            prev = "l" + i;
        }
        b.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nOut(CLASSES).build(), prev);
        b.setOutputs("out").setInputTypes(InputType.feedForward(nIn));
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    /** Random standard-normal features, seeded. */
    public static INDArray features(DataType dataType, long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dataType, rows, cols);
    }

    /** One-hot labels for {@link #CLASSES} classes, seeded. */
    public static INDArray randomLabels(DataType dataType, long seed, int rows) {
        INDArray labels = Nd4j.zeros(dataType, rows, CLASSES);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, r.nextInt(CLASSES), 1.0);
        }
        return labels;
    }

    /** Asserts DL4J's GradientCheckUtil passes (all parameters, or all but {@code excluded}). */
    public static void assertGradientsPass(MultiLayerNetwork net, INDArray input, INDArray labels,
                                           String... excluded) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(input).labels(labels).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .excludeParams(excluded.length == 0 ? null : Set.of(excluded)));
        assertTrue(ok, "GradientCheckUtil failed for MultiLayerNetwork (see log for the failing parameters)");
    }

    /** Asserts DL4J's GradientCheckUtil passes on a single-input, single-output graph. */
    public static void assertGradientsPass(ComputationGraph graph, INDArray input, INDArray labels,
                                           String... excluded) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .excludeParams(excluded.length == 0 ? null : Set.of(excluded)));
        assertTrue(ok, "GradientCheckUtil failed for ComputationGraph (see log for the failing parameters)");
    }

    /**
     * JSON round trip of the configuration: the restored configuration's JSON is identical and a
     * network built from it with the same parameters gives identical eval-mode output.
     */
    public static MultiLayerNetwork jsonRoundTrip(MultiLayerNetwork net, INDArray input) {
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerConfiguration restoredConf = MultiLayerConfiguration.fromJson(json);
        assertEquals(json, restoredConf.toJson(), "configuration JSON changed in a round trip");
        MultiLayerNetwork restored = new MultiLayerNetwork(restoredConf);
        restored.init(net.params().dup(), false);
        assertArrayEquals(net.output(input, false).ravel().toDoubleVector(),
                restored.output(input, false).ravel().toDoubleVector(), 0.0, "output changed in a JSON round trip");
        return restored;
    }

    /** JSON round trip of a ComputationGraph configuration, as {@link #jsonRoundTrip(MultiLayerNetwork, INDArray)}. */
    public static ComputationGraph jsonRoundTrip(ComputationGraph graph, INDArray input) {
        String json = graph.getConfiguration().toJson();
        ComputationGraphConfiguration restoredConf = ComputationGraphConfiguration.fromJson(json);
        assertEquals(json, restoredConf.toJson(), "configuration JSON changed in a round trip");
        ComputationGraph restored = new ComputationGraph(restoredConf);
        restored.init(graph.params().dup(), false);
        assertArrayEquals(graph.outputSingle(false, input).ravel().toDoubleVector(),
                restored.outputSingle(false, input).ravel().toDoubleVector(), 0.0, "output changed in a JSON round trip");
        return restored;
    }

    /**
     * ModelSerializer round trip with the updater state: identical parameters (which include any
     * running statistics stored as parameters), identical updater state and identical eval-mode output.
     */
    public static MultiLayerNetwork modelSerializerRoundTrip(MultiLayerNetwork net, INDArray input) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, bytes, true);
            MultiLayerNetwork restored =
                    ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
            assertEquals(net.getLayerWiseConfigurations().toJson(), restored.getLayerWiseConfigurations().toJson());
            assertArrayEquals(net.params().ravel().toDoubleVector(), restored.params().ravel().toDoubleVector(), 0.0,
                    "parameters changed in a ModelSerializer round trip");
            if (net.getUpdater() != null && net.getUpdater().getStateViewArray() != null) {
                assertArrayEquals(net.getUpdater().getStateViewArray().ravel().toDoubleVector(),
                        restored.getUpdater().getStateViewArray().ravel().toDoubleVector(), 0.0,
                        "updater state changed in a ModelSerializer round trip");
            }
            assertArrayEquals(net.output(input, false).ravel().toDoubleVector(),
                    restored.output(input, false).ravel().toDoubleVector(), 0.0,
                    "output changed in a ModelSerializer round trip");
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ModelSerializer round trip of a ComputationGraph, as for MultiLayerNetwork. */
    public static ComputationGraph modelSerializerRoundTrip(ComputationGraph graph, INDArray input) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(graph, bytes, true);
            ComputationGraph restored =
                    ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
            assertArrayEquals(graph.params().ravel().toDoubleVector(), restored.params().ravel().toDoubleVector(), 0.0,
                    "parameters changed in a ModelSerializer round trip");
            assertArrayEquals(graph.outputSingle(false, input).ravel().toDoubleVector(),
                    restored.outputSingle(false, input).ravel().toDoubleVector(), 0.0,
                    "output changed in a ModelSerializer round trip");
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The toy problem: 256 examples, 4 standard-normal features, class = [x0·x1 > 0] (XOR-like, so a
     * linear model cannot fit it and the hidden activation has to do work). Seeded.
     */
    public static DataSet toyProblem(DataType dataType, long seed) {
        INDArray x = features(dataType, seed, 256, 4);
        INDArray y = Nd4j.zeros(dataType, 256, CLASSES);
        for (int i = 0; i < 256; i++) {
            int cls = x.getDouble(i, 0) * x.getDouble(i, 1) > 0 ? 1 : 0;
            y.putScalar(i, cls, 1.0);
        }
        return new DataSet(x, y);
    }

    /**
     * Trains {@code layers} (between a 4-wide input and the softmax output) for {@code steps} full-batch
     * Adam(0.01) steps on the toy problem in float precision and returns the score before and after
     * training, in that order.
     */
    public static double[] trainToy(int steps, Layer... layers) {
        DataSet ds = toyProblem(DataType.FLOAT, 7);
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(12345).dataType(DataType.FLOAT).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER)
                .list();
        for (Layer l : layers) {
            b.layer(l);
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nOut(CLASSES).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.feedForward(4)).build());
        net.init();
        double before = net.score(ds, false);
        for (int i = 0; i < steps; i++) {
            net.fit(ds);
        }
        double after = net.score(ds, false);
        return new double[] {before, after};
    }

    /** Asserts the 20-step toy training lowers the loss by at least 5%. */
    public static void assertLearns(Layer... layers) {
        double[] s = trainToy(20, layers);
        assertTrue(s[1] < 0.95 * s[0],
                "loss did not fall by 5% in 20 steps: before " + s[0] + ", after " + s[1]);
    }
}
