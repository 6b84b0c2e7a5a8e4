package io.sparkact.layers;

import static io.sparkact.layers.params.DiceParamInitializer.ALPHA_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.MEAN_KEY;
import static io.sparkact.layers.params.DiceParamInitializer.VAR_KEY;
import static io.sparkact.testing.LayerChecks.backward;
import static io.sparkact.testing.LayerChecks.forward;
import static io.sparkact.testing.LayerChecks.standalone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkact.testing.NetworkChecks;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Dice on 3-D input [batch, units, time] (as DIN's attention units use it): statistics per unit over batch
 * AND time. Expected values: {@link DiceReference} on the (batch·time) × units rows of the same numbers.
 */
class DiceSequenceTest {

    static final int N = 2;
    static final int U = 3;
    static final int T = 4;
    static final double EPS = 1e-9;

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    /** Seeded numbers as x[b][u][t], each unit with its own offset and scale so statistics differ per unit. */
    static double[][][] input() {
        java.util.Random r = new java.util.Random(11);
        double[][][] x = new double[N][U][T];
        for (int b = 0; b < N; b++) {
            for (int u = 0; u < U; u++) {
                for (int t = 0; t < T; t++) {
                    x[b][u][t] = u - 1 + (u + 1) * r.nextGaussian();
                }
            }
        }
        return x;
    }

    /** Element [b][u][t] of the layer's output must be row b·T + t, column u of the reference. */
    static void assertMatchesRows(double[][] expectedRows, INDArray actual, double tol, String what) {
        assertArrayEquals(new long[] {N, U, T}, actual.shape(), what + ": shape");
        for (int b = 0; b < N; b++) {
            for (int u = 0; u < U; u++) {
                for (int t = 0; t < T; t++) {
                    assertEquals(expectedRows[b * T + t][u], actual.getDouble(b, u, t), tol,
                            what + " at [" + b + "," + u + "," + t + "]");
                }
            }
        }
    }

    @Test
    void statisticsAreOverBatchAndTime() {
        double[] alpha = {0.2, -0.3, 0.7};
        double m = 0.9;
        Layer layer = standalone(new DiceLayer.Builder().units(U).momentum(m).build(), DataType.DOUBLE);
        layer.getParam(ALPHA_KEY).assign(Nd4j.create(alpha, new long[] {1, U}));
        double[][][] x = input();
        double[][] rows = DiceReference.rowsOf3d(x);

        INDArray out = forward(layer, Nd4j.create(x), true);
        assertMatchesRows(DiceReference.forwardTraining(rows, alpha.clone(), EPS), out, 1e-12, "f (training)");
        double[] bm = DiceReference.mean(rows);
        double[] bv = DiceReference.variance(rows);
        double[] expMean = new double[U];
        double[] expVar = new double[U];
        for (int j = 0; j < U; j++) {
            expMean[j] = (1 - m) * bm[j];
            expVar[j] = m + (1 - m) * bv[j];
        }
        assertArrayEquals(expMean, layer.getParam(MEAN_KEY).toDoubleVector(), 1e-12);
        assertArrayEquals(expVar, layer.getParam(VAR_KEY).toDoubleVector(), 1e-12);

        double[][][] g = input();
        for (double[][] plane : g) {
            for (double[] line : plane) {
                line[0] = -line[0];
            }
        }
        INDArray dz = backward(layer, Nd4j.create(g));
        double[][] gRows = DiceReference.rowsOf3d(g);
        assertMatchesRows(DiceReference.gradZ(rows, alpha.clone(), gRows, null, null, EPS, true, 1e-5), dz, 1e-7,
                "dL/dz (training)");

        INDArray eval = forward(layer, Nd4j.create(x), false);
        assertMatchesRows(DiceReference.forward(rows, alpha, expMean, expVar, EPS), eval, 1e-12, "f (eval)");
    }

    @Test
    void outputTypeIsInputType() {
        DiceLayer conf = new DiceLayer.Builder().build();
        assertEquals(InputType.recurrent(U, T), conf.getOutputType(0, InputType.recurrent(U, T)));
    }

    /** SimpleRnn(tanh) → Dice → RnnOutputLayer, so Dice's input gradient is checked through the RNN weights. */
    @Test
    void gradientCheckOnSequences() {
        NetworkChecks.useDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new SimpleRnn.Builder().nOut(U).activation(Activation.TANH).build())
                .layer(new DiceLayer.Builder().build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(NetworkChecks.CLASSES).build())
                .setInputType(InputType.recurrent(2, T)).build());
        net.init();
        net.getLayer(1).getParam(ALPHA_KEY).assign(Nd4j.create(new double[] {0.4, -0.2, 0.5}, new long[] {1, U}));
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.DOUBLE, N + 1, 2, T);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, N + 1, NetworkChecks.CLASSES, T);
        java.util.Random r = new java.util.Random(3);
        for (int b = 0; b < N + 1; b++) {
            for (int t = 0; t < T; t++) {
                labels.putScalar(new long[] {b, r.nextInt(NetworkChecks.CLASSES), t}, 1.0);
            }
        }
        assertArrayEquals(new long[] {N + 1, NetworkChecks.CLASSES, T}, net.output(x, false).shape());
        NetworkChecks.assertGradientsPass(net, x, labels);
    }
}
