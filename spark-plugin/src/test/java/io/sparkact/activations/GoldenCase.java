package io.sparkact.activations;

import java.util.function.Supplier;

/**
 * One activation instance with hand-derived golden points (x, f(x), f′(x)) and the x where f′ jumps
 * (kinks), which network gradient checks must keep away from.
 */
final class GoldenCase {

    final String spec;
    final Supplier<NamedActivation> factory;
    final double[][] points;
    final double[] kinks;

    GoldenCase(String spec, Supplier<NamedActivation> factory, double[] kinks, double[][] points) {
        this.spec = spec;
        this.factory = factory;
        this.kinks = kinks;
        this.points = points;
    }

    NamedActivation create() {
        return factory.get();
    }

    double[] column(int k) {
        double[] c = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            c[i] = points[i][k];
        }
        return c;
    }

    /** The spec is the display name of parameterised tests. */
    @Override
    public String toString() {
        return spec;
    }
}
