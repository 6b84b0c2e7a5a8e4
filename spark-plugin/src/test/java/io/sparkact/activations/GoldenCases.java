package io.sparkact.activations;

import java.util.List;
import java.util.function.Supplier;

/**
 * Golden points for every activation, with defaults and with non-default parameters. Each row is
 * {x, f(x), f′(x)}; every table covers x = −8, −3, −0.5, 0, 0.5, 3, 6, 8 plus each kink. Values are worked
 * out by hand from the defining formula (noted per case); transcendental values are written as the
 * formula's own expression in exp/log (a different form from the implementation's where one exists),
 * never taken from the code's output.
 */
final class GoldenCases {

    /** Klambauer et al. 2017, "Self-Normalizing Neural Networks", constants as printed in the paper. */
    static final double SELU_L = 1.0507009873554804934193349852946;
    static final double SELU_A = 1.6732632423543772848170429916717;

    private GoldenCases() {
    }

    private static GoldenCase c(String spec, Supplier<NamedActivation> f, double[] kinks, double[]... rows) {
        return new GoldenCase(spec, f, kinks, rows);
    }

    private static double[] k(double... kinks) {
        return kinks;
    }

    private static double[] p(double x, double f, double df) {
        return new double[] {x, f, df};
    }

    private static double e(double x) {
        return Math.exp(x);
    }

    /** x / (1 + e^(−βx)): swish; with x → 1 the logistic function. */
    private static double[] swish(double beta, double x) {
        double q = e(-beta * x);
        // d/dx [x/(1+q)] with q = e^(-beta x): (1 + q + beta x q) / (1+q)^2
        return p(x, x / (1 + q), (1 + q + beta * x * q) / ((1 + q) * (1 + q)));
    }

    private static double[] sigmoid(double x) {
        // 1/(1+e^-x); derivative e^-x/(1+e^-x)^2
        return p(x, 1 / (1 + e(-x)), e(-x) / ((1 + e(-x)) * (1 + e(-x))));
    }

    private static double tanhByExp(double x) {
        return (e(2 * x) - 1) / (e(2 * x) + 1);
    }

    private static double[] softplus(double beta, double x) {
        // log(1 + e^(beta x)) / beta; derivative 1 / (1 + e^(-beta x))
        return p(x, Math.log1p(e(beta * x)) / beta, 1 / (1 + e(-beta * x)));
    }

    private static double[] elu(double alpha, double x) {
        // x > 0: x, 1; x <= 0: alpha (e^x - 1), alpha e^x (negative side at 0)
        return x > 0 ? p(x, x, 1) : p(x, alpha * (e(x) - 1), alpha * e(x));
    }

    private static double[] selu(double x) {
        return x > 0 ? p(x, SELU_L * x, SELU_L) : p(x, SELU_L * SELU_A * (e(x) - 1), SELU_L * SELU_A * e(x));
    }

    private static double[] tanhshrink(double x) {
        double t = tanhByExp(x);
        return p(x, x - t, t * t);   // d/dx (x - tanh x) = 1 - (1 - tanh^2 x)
    }

    /** Every case: defaults first for each name, then non-default parameters. */
    static List<GoldenCase> all() {
        List<GoldenCase> all = new java.util.ArrayList<>(reluFamily());
        all.addAll(hardFunctions());
        all.addAll(smoothFunctions());
        all.addAll(shrinkAndSimple());
        return all;
    }

    private static List<GoldenCase> reluFamily() {
        return List.of(
            // max(x, 0); f'(0) = 0 (negative side)
            c("relu", ReluActivation::new, k(0),
                p(-8, 0, 0), p(-3, 0, 0), p(-0.5, 0, 0), p(0, 0, 0), p(0.5, 0.5, 1), p(3, 3, 1), p(6, 6, 1),
                p(8, 8, 1)),
            // x > 0: x, else 0.01 x; f'(0) = alpha
            c("lrelu(alpha=0.01)", LeakyReluActivation::new, k(0),
                p(-8, -0.08, 0.01), p(-3, -0.03, 0.01), p(-0.5, -0.005, 0.01), p(0, 0, 0.01), p(0.5, 0.5, 1),
                p(3, 3, 1), p(6, 6, 1), p(8, 8, 1)),
            c("lrelu(alpha=0.2)", () -> new LeakyReluActivation(0.2), k(0),
                p(-8, -1.6, 0.2), p(-3, -0.6, 0.2), p(-0.5, -0.1, 0.2), p(0, 0, 0.2), p(0.5, 0.5, 1),
                p(3, 3, 1), p(6, 6, 1), p(8, 8, 1)),
            // min(max(x,0),6); f'(0) = 0, f'(6) = 0 (outer piece)
            c("relu6", Relu6Activation::new, k(0, 6),
                p(-8, 0, 0), p(-3, 0, 0), p(-0.5, 0, 0), p(0, 0, 0), p(0.5, 0.5, 1), p(3, 3, 1), p(5.5, 5.5, 1),
                p(6, 6, 0), p(8, 6, 0)),
            // 0.01x below 0, x up to the cap 6, flat above (alpha_high 0); f'(0)=0.01, f'(6)=0
            c("lrelu6(alpha=0.01,cap=6,alpha_high=0)", LeakyRelu6Activation::new, k(0, 6),
                p(-8, -0.08, 0.01), p(-3, -0.03, 0.01), p(-0.5, -0.005, 0.01), p(0, 0, 0.01), p(0.5, 0.5, 1),
                p(3, 3, 1), p(6, 6, 0), p(8, 6, 0)),
            // 0.02x below 0; x up to 4.5; 4.5 + 0.25 (x - 4.5) above: f(6) = 4.875, f(8) = 5.375; f'(4.5) = 0.25
            c("lrelu6(alpha=0.02,cap=4.5,alpha_high=0.25)", () -> new LeakyRelu6Activation(0.02, 4.5, 0.25),
                k(0, 4.5),
                p(-8, -0.16, 0.02), p(-3, -0.06, 0.02), p(-0.5, -0.01, 0.02), p(0, 0, 0.02), p(0.5, 0.5, 1),
                p(3, 3, 1), p(4.5, 4.5, 0.25), p(6, 4.875, 0.25), p(8, 5.375, 0.25)),
            // eval mode: slope (1/8 + 1/3)/2 = 11/48 for x <= 0
            c("rrelu(lower=0.125,upper=0.3333333333333333)", RreluActivation::new, k(0),
                p(-8, -8 * 11.0 / 48, 11.0 / 48), p(-3, -3 * 11.0 / 48, 11.0 / 48),
                p(-0.5, -0.5 * 11.0 / 48, 11.0 / 48), p(0, 0, 11.0 / 48), p(0.5, 0.5, 1), p(3, 3, 1), p(6, 6, 1),
                p(8, 8, 1)),
            // eval mode: slope (0.1 + 0.3)/2 = 0.2
            c("rrelu(lower=0.1,upper=0.3)", () -> new RreluActivation(0.1, 0.3), k(0),
                p(-8, -1.6, 0.2), p(-3, -0.6, 0.2), p(-0.5, -0.1, 0.2), p(0, 0, 0.2), p(0.5, 0.5, 1), p(3, 3, 1),
                p(6, 6, 1), p(8, 8, 1)));
    }

    private static List<GoldenCase> hardFunctions() {
        return List.of(
            // x relu6(x+3)/6; inside (-3,3): x(x+3)/6, derivative (2x+3)/6; f'(-3) = 0, f'(3) = 1
            c("hswish", HardSwishActivation::new, k(-3, 3),
                p(-8, 0, 0), p(-3, 0, 0), p(-2.5, -1.25 / 6, -2.0 / 6), p(-0.5, -1.25 / 6, 2.0 / 6),
                p(0, 0, 0.5), p(0.5, 1.75 / 6, 4.0 / 6), p(2.5, 13.75 / 6, 8.0 / 6), p(3, 3, 1), p(6, 6, 1),
                p(8, 8, 1)),
            // relu6(x+3)/6: (x+3)/6 inside (-3,3), slope 1/6; f'(+-3) = 0
            c("hsigmoid", HardSigmoidActivation::new, k(-3, 3),
                p(-8, 0, 0), p(-3, 0, 0), p(-0.5, 2.5 / 6, 1.0 / 6), p(0, 0.5, 1.0 / 6), p(0.5, 3.5 / 6, 1.0 / 6),
                p(3, 1, 0), p(6, 1, 0), p(8, 1, 0)),
            // clip to [-1, 1]; f'(+-1) = 0 (outer piece)
            c("hardtanh", HardTanhActivation::new, k(-1, 1),
                p(-8, -1, 0), p(-3, -1, 0), p(-1, -1, 0), p(-0.5, -0.5, 1), p(0, 0, 1), p(0.5, 0.5, 1),
                p(1, 1, 0), p(3, 1, 0), p(6, 1, 0), p(8, 1, 0)));
    }

    private static List<GoldenCase> smoothFunctions() {
        return List.of(
            c("sigmoid", SigmoidActivation::new, k(),
                sigmoid(-8), sigmoid(-3), sigmoid(-0.5), p(0, 0.5, 0.25), sigmoid(0.5), sigmoid(3), sigmoid(6),
                sigmoid(8)),
            // tanh x = (e^2x - 1)/(e^2x + 1); derivative 4/(e^x + e^-x)^2
            c("tanh", TanhActivation::new, k(),
                tanhRow(-8), tanhRow(-3), tanhRow(-0.5), p(0, 0, 1), tanhRow(0.5), tanhRow(3), tanhRow(6),
                tanhRow(8)),
            // x/(1+|x|), derivative 1/(1+|x|)^2: e.g. x=3: 3/4 and 1/16
            c("softsign", SoftsignActivation::new, k(),
                p(-8, -8.0 / 9, 1.0 / 81), p(-3, -0.75, 1.0 / 16), p(-0.5, -1.0 / 3, 4.0 / 9), p(0, 0, 1),
                p(0.5, 1.0 / 3, 4.0 / 9), p(3, 0.75, 1.0 / 16), p(6, 6.0 / 7, 1.0 / 49), p(8, 8.0 / 9, 1.0 / 81)),
            // x = 100: e^-100 is below double resolution of 100, so f = 100 and f' = 1; x = -800: e^-800 underflows
            c("softplus(beta=1)", SoftplusActivation::new, k(),
                p(-800, 0, 0), softplus(1, -8), softplus(1, -3), softplus(1, -0.5), p(0, Math.log(2), 0.5),
                softplus(1, 0.5), softplus(1, 3), softplus(1, 6), softplus(1, 8), p(100, 100, 1), p(800, 800, 1)),
            c("softplus(beta=2)", () -> new SoftplusActivation(2), k(),
                softplus(2, -8), softplus(2, -3), softplus(2, -0.5), p(0, Math.log(2) / 2, 0.5), softplus(2, 0.5),
                softplus(2, 3), softplus(2, 6), softplus(2, 8)),
            c("elu(alpha=1)", EluActivation::new, k(0),
                elu(1, -8), elu(1, -3), elu(1, -0.5), p(0, 0, 1), elu(1, 0.5), elu(1, 3), elu(1, 6), elu(1, 8)),
            c("elu(alpha=0.5)", () -> new EluActivation(0.5), k(0),
                elu(0.5, -8), elu(0.5, -3), elu(0.5, -0.5), p(0, 0, 0.5), elu(0.5, 0.5), elu(0.5, 3), elu(0.5, 6),
                elu(0.5, 8)),
            // f'(0) = lambda alpha (negative side)
            c("selu", SeluActivation::new, k(0),
                selu(-8), selu(-3), selu(-0.5), p(0, 0, SELU_L * SELU_A), selu(0.5), selu(3), selu(6), selu(8)),
            c("swish(beta=1)", SwishActivation::new, k(),
                swish(1, -8), swish(1, -3), swish(1, -0.5), p(0, 0, 0.5), swish(1, 0.5), swish(1, 3), swish(1, 6),
                swish(1, 8)),
            // beta = 0: x * sigmoid(0) = x/2
            c("swish(beta=0)", () -> new SwishActivation(0), k(),
                p(-8, -4, 0.5), p(-3, -1.5, 0.5), p(-0.5, -0.25, 0.5), p(0, 0, 0.5), p(0.5, 0.25, 0.5),
                p(3, 1.5, 0.5), p(6, 3, 0.5), p(8, 4, 0.5)),
            c("swish(beta=2)", () -> new SwishActivation(2), k(),
                swish(2, -8), swish(2, -3), swish(2, -0.5), p(0, 0, 0.5), swish(2, 0.5), swish(2, 3), swish(2, 6),
                swish(2, 8)));
    }

    private static List<GoldenCase> shrinkAndSimple() {
        return List.of(
            // x - 0.5 above 0.5, x + 0.5 below -0.5, 0 between; f'(+-0.5) = 1 (outer piece)
            c("softshrink(lambda=0.5)", SoftShrinkActivation::new, k(-0.5, 0.5),
                p(-8, -7.5, 1), p(-3, -2.5, 1), p(-0.5, 0, 1), p(-0.25, 0, 0), p(0, 0, 0), p(0.5, 0, 1),
                p(3, 2.5, 1), p(6, 5.5, 1), p(8, 7.5, 1)),
            c("softshrink(lambda=2)", () -> new SoftShrinkActivation(2), k(-2, 2),
                p(-8, -6, 1), p(-3, -1, 1), p(-2, 0, 1), p(-0.5, 0, 0), p(0, 0, 0), p(0.5, 0, 0), p(2, 0, 1),
                p(3, 1, 1), p(6, 4, 1), p(8, 6, 1)),
            // x outside [-0.5, 0.5], 0 inside including the ends (PyTorch); f'(+-0.5) = 1 (outer piece)
            c("hardshrink(lambda=0.5)", HardShrinkActivation::new, k(-0.5, 0.5),
                p(-8, -8, 1), p(-3, -3, 1), p(-0.5, 0, 1), p(-0.25, 0, 0), p(0, 0, 0), p(0.5, 0, 1),
                p(0.75, 0.75, 1), p(3, 3, 1), p(6, 6, 1), p(8, 8, 1)),
            c("hardshrink(lambda=3)", () -> new HardShrinkActivation(3), k(-3, 3),
                p(-8, -8, 1), p(-3, 0, 1), p(-0.5, 0, 0), p(0, 0, 0), p(0.5, 0, 0), p(3, 0, 1), p(6, 6, 1),
                p(8, 8, 1)),
            c("tanhshrink", TanhShrinkActivation::new, k(),
                tanhshrink(-8), tanhshrink(-3), tanhshrink(-0.5), p(0, 0, 0), tanhshrink(0.5), tanhshrink(3),
                tanhshrink(6), tanhshrink(8)),
            // |x|; f'(0) = -1 (negative side)
            c("abs", AbsActivation::new, k(0),
                p(-8, 8, -1), p(-3, 3, -1), p(-0.5, 0.5, -1), p(0, 0, -1), p(0.5, 0.5, 1), p(3, 3, 1), p(6, 6, 1),
                p(8, 8, 1)),
            c("identity", IdentityActivation::new, k(),
                p(-8, -8, 1), p(-3, -3, 1), p(-0.5, -0.5, 1), p(0, 0, 1), p(0.5, 0.5, 1), p(3, 3, 1), p(6, 6, 1),
                p(8, 8, 1)));
    }

    private static double[] tanhRow(double x) {
        double s = e(x) + e(-x);
        return p(x, tanhByExp(x), 4 / (s * s));
    }
}
