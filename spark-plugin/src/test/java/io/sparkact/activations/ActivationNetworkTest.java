package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.testing.NetworkChecks;
import io.sparkact.testing.ReseededGradientChecks;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every activation inside a network: DL4J gradient check, JSON and ModelSerializer round trips, and a
 * few training steps that lower the loss.
 */
class ActivationNetworkTest {

    private static final long SEED = 12345;
    private static final int N_IN = 4;
    private static final int UNITS = 5;
    private static final int ROWS = 12;
    /** Features are scaled so that pre-activations (sd ≈ 3.5) reach every kink, including ±3 and 6. */
    private static final double FEATURE_SCALE = 3.0;

    static Stream<GoldenCase> cases() {
        return GoldenCases.all().stream();
    }

    @AfterEach
    void restoreFloat() {
        NetworkChecks.useFloat();
    }

    private static DenseLayer dense(NamedActivation act) {
        return new DenseLayer.Builder().nOut(UNITS).activation(act).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientCheck(GoldenCase c) {
        NetworkChecks.useDouble();
        MultiLayerNetwork net = NetworkChecks.mln(DataType.DOUBLE, SEED, N_IN, dense(c.create()));
        INDArray x = NetworkChecks.features(DataType.DOUBLE, SEED, ROWS, N_IN).muli(FEATURE_SCALE);
        INDArray labels = NetworkChecks.randomLabels(DataType.DOUBLE, SEED, ROWS);
        assertMeaningfulPreActivations(c, x.mmul(net.getParam("0_W")).addiRowVector(net.getParam("0_b")));
        // reseeding is what rrelu needs (random slopes in every training forward pass) and harmless otherwise
        ReseededGradientChecks.assertGradientsPass(net, x, labels, SEED);
    }

    /**
     * Finite differences across a kink are meaningless, so no pre-activation may lie within 1e-4 of one;
     * and the check only tests the function's pieces if the pre-activations land on both sides of each kink
     * (for the shrink functions: inside and outside the zero band, so the gradient is not simply 0).
     */
    private static void assertMeaningfulPreActivations(GoldenCase c, INDArray z) {
        double[] zs = z.dup().data().asDouble();
        for (double k : c.kinks) {
            boolean below = false;
            boolean above = false;
            for (double v : zs) {
                assertTrue(Math.abs(v - k) > 1e-4, c + ": pre-activation " + v + " too close to kink " + k);
                below |= v < k;
                above |= v > k;
            }
            assertTrue(below && above, c + ": pre-activations do not straddle kink " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonAndModelSerializerRoundTrips(GoldenCase c) {
        NamedActivation act = c.create();
        MultiLayerNetwork net = NetworkChecks.mln(DataType.FLOAT, SEED, N_IN, dense(act));
        INDArray x = NetworkChecks.features(DataType.FLOAT, SEED, ROWS, N_IN);
        // NetworkChecks' round trips compare outputs with toDoubleVector(), which only accepts a single row
        INDArray row = x.getRow(0, true);
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(act.getClass().getName()), "JSON names the activation class");
        assertFalse(json.contains("slopes"), "transient state must not be in the JSON");

        MultiLayerNetwork fromJson = NetworkChecks.jsonRoundTrip(net, row);
        assertEquals(act, activationOf(fromJson), "activation parameters survive JSON");
        assertEquals(net.output(x, false), fromJson.output(x, false), "whole-batch output after JSON");
        MultiLayerNetwork fromZip = NetworkChecks.modelSerializerRoundTrip(net, row);
        assertEquals(act, activationOf(fromZip), "activation parameters survive ModelSerializer");
        assertEquals(net.output(x, false), fromZip.output(x, false), "whole-batch output after ModelSerializer");
        assertEquals(c.spec, activationOf(fromZip).toString());
    }

    private static Object activationOf(MultiLayerNetwork net) {
        return ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getActivationFn();
    }

    /**
     * Each activation with its default parameters (the first case of each name). Not the non-default cases:
     * softshrink(lambda=2) and hardshrink(lambda=3) zero most of the toy problem's pre-activations (sd about 1)
     * and, as expected, learn too little in 20 steps.
     */
    static Stream<GoldenCase> defaultCases() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return GoldenCases.all().stream().filter(c -> seen.add(c.create().name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultCases")
    void learns(GoldenCase c) throws ReflectiveOperationException {
        assertEquals(c.create().getClass().getConstructor().newInstance(), c.create(), "defaults case");
        NetworkChecks.assertLearns(new DenseLayer.Builder().nOut(8).activation(c.create()).build());
    }

    /** The ComputationGraph path, for a parameterised activation and for the stateful-in-training rrelu. */
    @Test
    void computationGraphGradientCheckAndRoundTrips() {
        for (NamedActivation act : new NamedActivation[] {
                new LeakyRelu6Activation(0.02, 4.5, 0.25), new RreluActivation(0.1, 0.3)}) {
            NetworkChecks.useDouble();
            ComputationGraph g = NetworkChecks.graph(DataType.DOUBLE, SEED, N_IN, dense(act));
            INDArray x = NetworkChecks.features(DataType.DOUBLE, SEED, ROWS, N_IN).muli(FEATURE_SCALE);
            ReseededGradientChecks.assertGradientsPass(g, x, NetworkChecks.randomLabels(DataType.DOUBLE, SEED, ROWS),
                    SEED);
            NetworkChecks.useFloat();
            ComputationGraph gf = NetworkChecks.graph(DataType.FLOAT, SEED, N_IN, dense(act));
            INDArray xf = NetworkChecks.features(DataType.FLOAT, SEED, ROWS, N_IN);
            INDArray row = xf.getRow(0, true);
            ComputationGraph fromJson = NetworkChecks.jsonRoundTrip(gf, row);
            assertEquals(gf.outputSingle(false, xf), fromJson.outputSingle(false, xf));
            ComputationGraph fromZip = NetworkChecks.modelSerializerRoundTrip(gf, row);
            assertEquals(gf.outputSingle(false, xf), fromZip.outputSingle(false, xf));
        }
    }
}
