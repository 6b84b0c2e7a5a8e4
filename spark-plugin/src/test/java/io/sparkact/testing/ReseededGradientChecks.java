package io.sparkact.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checks for networks whose training-mode forward pass draws random numbers (rrelu's slopes):
 * the RNG is reseeded before every forward pass, so the analytic gradient and each finite-difference score
 * see the same draws. Same tolerances as {@link NetworkChecks#assertGradientsPass}.
 */
public final class ReseededGradientChecks {

    private ReseededGradientChecks() {
    }

    public static void assertGradientsPass(MultiLayerNetwork net, INDArray input, INDArray labels, long seed) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(input).labels(labels).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .callEachIter(n -> Nd4j.getRandom().setSeed(seed)));
        assertTrue(ok, "GradientCheckUtil failed for MultiLayerNetwork (see log for the failing parameters)");
    }

    public static void assertGradientsPass(ComputationGraph graph, INDArray input, INDArray labels, long seed) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .callEachIter(g -> Nd4j.getRandom().setSeed(seed)));
        assertTrue(ok, "GradientCheckUtil failed for ComputationGraph (see log for the failing parameters)");
    }
}
