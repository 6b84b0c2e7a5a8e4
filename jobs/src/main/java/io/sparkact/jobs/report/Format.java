package io.sparkact.jobs.report;

import java.util.Locale;

/** How the report prints numbers: Locale.ROOT (same bytes everywhere), "–" for a missing value. */
final class Format {

    static final String MISSING = "–";

    private Format() {
    }

    /** Four decimals: AUC, logloss, calibration. */
    static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : MISSING;
    }

    /** A fraction as a percentage with one decimal. */
    static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f", 100 * fraction) : MISSING;
    }

    /** No decimals: examples per second. */
    static String f0(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : MISSING;
    }

    /** Four significant digits: gradient norms, curve values. */
    static String g(double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        return io.sparkact.jobs.activations.Axis.label(v); // %.4g without trailing zeros, integers as such
    }

    /** Mean ± sd (sd only with two or more values). */
    static String meanSd(ActivationGroup.Stat s, java.util.function.DoubleFunction<String> f) {
        return f.apply(s.mean()) + (Double.isFinite(s.sd()) ? " ± " + f.apply(s.sd()) : "");
    }
}
