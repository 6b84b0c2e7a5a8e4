package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float path of the exponential activations (native exp plus Java passes, {@link ExpActivation}) against
 * their double path, which is the reference (Math.exp, expm1, log1p in double; its own golden values are in
 * {@link GoldenCases}): on 300,000 points (large enough to be split across threads) uniform on [−30, 30], plus
 * the grid k/4096 on [−1, 1] where expm1 and log1p switch forms, the relative error of f and f′ stays within
 * {@link #MAX_REL}, plus 2^-24·|βx| where the scale β of the argument is not a power of 2.
 */
class ExpActivationAccuracyTest {

    /**
     * Largest relative error allowed, |float − double| / |double|, against the double result rounded to float
     * (floor 1e-30 on the denominator). Measured maxima when written (libnd4j 1.0.0-M2 exp): sigmoid 2.1e-7 (f)
     * and 3.0e-7 (f′), tanh 2.1e-7 / 2.9e-7, swish 2.4e-7 / 0 (f′ from a double e, rounded once), softplus
     * 2.4e-7 / 2.1e-7, elu 2.0e-7 / 1.6e-7, selu 1.4e-7 / 1.4e-7, tanhshrink 3.2e-7 / 4.0e-7: about 3 float ulps at
     * most; the bound leaves room for another libnd4j's exp. (Near 0 and near swish′'s root, where the formulas
     * cancel: CancellationAccuracyTest.)
     */
    static final double MAX_REL = 1e-6;

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("sigmoid", (Supplier<PointwiseActivation>) SigmoidActivation::new, 0.0),
                Arguments.of("tanh", (Supplier<PointwiseActivation>) TanhActivation::new, 0.0),
                Arguments.of("swish(beta=1)", (Supplier<PointwiseActivation>) SwishActivation::new, 0.0),
                Arguments.of("swish(beta=0.5)", (Supplier<PointwiseActivation>) () -> new SwishActivation(0.5), 0.0),
                Arguments.of("tanhshrink", (Supplier<PointwiseActivation>) TanhShrinkActivation::new, 0.0),
                Arguments.of("softplus(beta=1)", (Supplier<PointwiseActivation>) SoftplusActivation::new, 0.0),
                Arguments.of("softplus(beta=3)", (Supplier<PointwiseActivation>) () -> new SoftplusActivation(3), 3.0),
                Arguments.of("elu(alpha=1)", (Supplier<PointwiseActivation>) EluActivation::new, 0.0),
                Arguments.of("elu(alpha=0.3)", (Supplier<PointwiseActivation>) () -> new EluActivation(0.3), 0.0),
                Arguments.of("selu", (Supplier<PointwiseActivation>) SeluActivation::new, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void floatPathMatchesTheDoublePath(String name, Supplier<PointwiseActivation> make, double inexactScale) {
        double[] xs = points();
        INDArray xd = Nd4j.createFromArray(xs);
        INDArray xf = xd.castTo(DataType.FLOAT);
        double[] fd = make.get().getActivation(xf.castTo(DataType.DOUBLE), false).toDoubleVector();
        double[] ff = make.get().getActivation(xf.dup(), false).castTo(DataType.DOUBLE).toDoubleVector();
        report(name + " f", xs, inexactScale, fd, ff);
        if (!name.contains("forward")) {
            INDArray ones = Nd4j.ones(DataType.FLOAT, xs.length);
            double[] gd = make.get().backprop(xf.castTo(DataType.DOUBLE), ones.castTo(DataType.DOUBLE)).getFirst()
                    .toDoubleVector();
            double[] gf = make.get().backprop(xf.dup(), ones).getFirst().castTo(DataType.DOUBLE).toDoubleVector();
            report(name + " f'", xs, inexactScale, gd, gf);
        }
    }

    private static void report(String what, double[] xs, double scale, double[] expected, double[] actual) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double ref = (float) expected[i];
            // a scale beta that is not a power of 2 rounds the argument beta*x in float: e^(beta x) then carries that
            // rounding, relative 2^-24 |beta x| (the double path rounds nothing); allowed on top of MAX_REL
            double rel = Math.abs(actual[i] - ref) / Math.max(Math.abs(ref), 1e-30)
                    - 0x1p-24 * Math.abs(scale * xs[i]);
            if (rel > worst) {
                worst = rel;
                at = i;
            }
        }
        if (System.getProperty("sparkact.printAccuracy") != null) {
            System.out.printf("%s: max relative error %.3g at index %d (expected %s, got %s)%n", what, worst, at,
                    at < 0 ? "" : (float) expected[at], at < 0 ? "" : actual[at]);
        }
        assertTrue(worst <= MAX_REL, what + ": relative error " + worst + " at index " + at + " (x index)");
    }

    private static double[] points() {
        Random r = new Random(42);
        double[] xs = new double[300_000 + 8193];
        for (int i = 0; i < 300_000; i++) {
            xs[i] = (float) (r.nextDouble() * 60 - 30);
        }
        for (int k = 0; k <= 8192; k++) {
            xs[300_000 + k] = (k - 4096) / 4096.0;
        }
        return xs;
    }
}
