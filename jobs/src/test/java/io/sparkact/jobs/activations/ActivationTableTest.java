package io.sparkact.jobs.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance check of the activation library through the CLI: {@code activations table --name SPEC
 * --x -8,-3,-0.5,0,0.5,3,6,8 --mode eval} (plus each spec's own kinks) must match the formulas of the
 * foundation issue for every spec, with non-default parameters too.
 *
 * <p>Expected values are computed here, independently of the library, from the formulas with
 * java.lang.Math; derivatives are differentiated by hand, with the kink convention of the issue: at a
 * ReLU-like kink at 0 the slope of the negative side, at a cap (±1, 6, ±λ) the outer piece, h-swish
 * f′(−3) = 0 and f′(3) = 1.
 */
class ActivationTableTest {

    static final double[] POINTS = {-8, -3, -0.5, 0, 0.5, 3, 6, 8};
    static final double SELU_L = 1.0507009873554804934193349852946;
    static final double SELU_A = 1.6732632423543772848170429916717;

    static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double clip(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    static Arguments c(String spec, DoubleUnaryOperator f, DoubleUnaryOperator df, double... kinks) {
        return Arguments.of(spec, f, df, kinks);
    }

    static Stream<Arguments> specs() {
        double eps = 1e-9;
        return Stream.of(
                c("relu", x -> Math.max(x, 0), x -> x > 0 ? 1 : 0),
                c("lrelu", x -> x > 0 ? x : 0.01 * x, x -> x > 0 ? 1 : 0.01),
                c("lrelu(alpha=0.1)", x -> x > 0 ? x : 0.1 * x, x -> x > 0 ? 1 : 0.1),
                c("relu6", x -> clip(x, 0, 6), x -> x > 0 && x < 6 ? 1 : 0),
                c("lrelu6", x -> x <= 0 ? 0.01 * x : x < 6 ? x : 6, x -> x <= 0 ? 0.01 : x < 6 ? 1 : 0),
                c("lrelu6(alpha=0.02,cap=5,alpha_high=0.1)",
                        x -> x <= 0 ? 0.02 * x : x < 5 ? x : 5 + 0.1 * (x - 5),
                        x -> x <= 0 ? 0.02 : x < 5 ? 1 : 0.1, 5),
                // eval mode: the mean slope (lower+upper)/2
                c("rrelu", x -> x >= 0 ? x : x * (0.125 + 1.0 / 3) / 2, x -> x > 0 ? 1 : (0.125 + 1.0 / 3) / 2),
                c("rrelu(lower=0.1,upper=0.3)", x -> x >= 0 ? x : 0.2 * x, x -> x > 0 ? 1 : 0.2),
                c("hswish", x -> x * clip(x + 3, 0, 6) / 6, x -> x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6, 2.9, -2.9),
                c("hsigmoid", x -> clip(x + 3, 0, 6) / 6, x -> x > -3 && x < 3 ? 1.0 / 6 : 0),
                c("sigmoid", ActivationTableTest::sig, x -> sig(x) * (1 - sig(x))),
                c("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x)),
                c("hardtanh", x -> clip(x, -1, 1), x -> x > -1 && x < 1 ? 1 : 0, -1, 1),
                c("softsign", x -> x / (1 + Math.abs(x)), x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)))),
                c("softplus", x -> Math.log1p(Math.exp(x)), ActivationTableTest::sig),
                c("softplus(beta=2)", x -> Math.log1p(Math.exp(2 * x)) / 2, x -> sig(2 * x)),
                c("elu", x -> x > 0 ? x : Math.expm1(x), x -> x > 0 ? 1 : Math.exp(x)),
                c("elu(alpha=0.5)", x -> x > 0 ? x : 0.5 * Math.expm1(x), x -> x > 0 ? 1 : 0.5 * Math.exp(x)),
                c("selu", x -> SELU_L * (x > 0 ? x : SELU_A * Math.expm1(x)), x -> SELU_L * (x > 0 ? 1 : SELU_A * Math.exp(x))),
                c("swish", x -> x * sig(x), x -> sig(x) + x * sig(x) * (1 - sig(x))),
                c("swish(beta=2)", x -> x * sig(2 * x), x -> sig(2 * x) + 2 * x * sig(2 * x) * (1 - sig(2 * x))),
                c("softshrink", x -> x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0, x -> Math.abs(x) >= 0.5 ? 1 : 0),
                c("softshrink(lambda=1)", x -> x > 1 ? x - 1 : x < -1 ? x + 1 : 0, x -> Math.abs(x) >= 1 ? 1 : 0, -1, 1),
                c("hardshrink", x -> Math.abs(x) > 0.5 ? x : 0, x -> Math.abs(x) >= 0.5 ? 1 : 0),
                c("hardshrink(lambda=2)", x -> Math.abs(x) > 2 ? x : 0, x -> Math.abs(x) >= 2 ? 1 : 0, -2, 2),
                c("tanhshrink", x -> x - Math.tanh(x), x -> Math.tanh(x) * Math.tanh(x)),
                c("abs", Math::abs, x -> x > 0 ? 1 : -1),
                c("identity", x -> x, x -> 1),
                // layers with parameters, one unit, eval mode, parameters as initialised
                c("prelu(alpha=0.3)", x -> x > 0 ? x : 0.3 * x, x -> x > 0 ? 1 : 0.3),
                c("swish(beta=1.5,trainable=true)", x -> x * sig(1.5 * x),
                        x -> sig(1.5 * x) + 1.5 * x * sig(1.5 * x) * (1 - sig(1.5 * x))),
                // Dice in eval mode: running mean 0, variance 1, alpha 0 → f = x·sigmoid(x/sqrt(1+ε))
                c("dice", x -> x * sig(x / Math.sqrt(1 + eps)),
                        x -> sig(x / Math.sqrt(1 + eps))
                                + x * sig(x / Math.sqrt(1 + eps)) * (1 - sig(x / Math.sqrt(1 + eps))) / Math.sqrt(1 + eps)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void tableMatchesTheFormula(String spec, DoubleUnaryOperator f, DoubleUnaryOperator df, double[] kinks) {
        double[] x = withKinks(kinks);
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", spec, "--x", join(x), "--mode", "eval");
        assertEquals(Main.OK, r.code, r.toString());
        assertRows(r.out, x, f, df);
    }

    /** Dice with running statistics and alpha set: f = x(α + (1−α)p), p = σ((x − μ)/sqrt(σ² + ε)). */
    @org.junit.jupiter.api.Test
    void diceEvalUsesTheStatisticsGivenWithSet() {
        double mu = 1;
        double s = Math.sqrt(4 + 1e-9);
        double a = 0.25;
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", "dice", "--x", join(POINTS),
                "--set", "mean=1", "--set", "var=4", "--set", "alpha=0.25");
        assertEquals(Main.OK, r.code, r.toString());
        assertRows(r.out, POINTS, x -> x * (a + (1 - a) * sig((x - mu) / s)),
                x -> {
                    double p = sig((x - mu) / s);
                    return a + (1 - a) * p + x * (1 - a) * p * (1 - p) / s;
                });
    }

    static void assertRows(String csv, double[] x, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        String[] lines = csv.split("\n");
        assertEquals("x,f,df", lines[0]);
        assertEquals(x.length + 1, lines.length, csv);
        for (int i = 0; i < x.length; i++) {
            String[] cells = lines[i + 1].split(",");
            assertEquals(x[i], Double.parseDouble(cells[0]), 0.0);
            assertClose(f.applyAsDouble(x[i]), Double.parseDouble(cells[1]), "f(" + x[i] + ")");
            assertClose(df.applyAsDouble(x[i]), Double.parseDouble(cells[2]), "f'(" + x[i] + ")");
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + " but was " + actual);
    }

    static double[] withKinks(double[] kinks) {
        List<Double> l = new ArrayList<>();
        for (double p : POINTS) {
            l.add(p);
        }
        for (double k : kinks) {
            if (!l.contains(k)) {
                l.add(k);
            }
        }
        return l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static String join(double[] x) {
        return String.join(",", Arrays.stream(x).mapToObj(Double::toString).toArray(String[]::new));
    }
}
