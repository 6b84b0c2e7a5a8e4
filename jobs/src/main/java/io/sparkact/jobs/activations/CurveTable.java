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
            sb.append(x[i]).append(',').append(f[i]).append(',').append(df[i]).append('\n');
        }
        return sb.toString();
    }
}
