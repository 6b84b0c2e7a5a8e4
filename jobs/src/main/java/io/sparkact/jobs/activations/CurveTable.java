package io.sparkact.jobs.activations;

import io.sparkact.catalog.ActivationEvaluator;

/** The {@code x,f,df} CSV of a curve. */
final class CurveTable {

    private CurveTable() {
    }

    /**
     * Header {@code x,f,df}, one row per point, each number in Java's shortest round-trip form
     * ({@link Double#toString}) so the CSV carries the full double value.
     */
    static String csv(ActivationEvaluator.Curve c) {
        double[] x = c.x();
        double[] f = c.f();
        double[] df = c.df();
        StringBuilder sb = new StringBuilder("x,f,df\n");
        for (int i = 0; i < x.length; i++) {
            // + 0.0 turns IEEE -0.0 (e.g. hswish(-3) = -3·0/6) into 0.0; every other value is unchanged
            sb.append(x[i] + 0.0).append(',').append(f[i] + 0.0).append(',').append(df[i] + 0.0).append('\n');
        }
        return sb.toString();
    }
}
