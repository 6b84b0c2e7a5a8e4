package io.sparkact.params;

/**
 * An interval of allowed values with open or closed ends; infinite ends are written as such.
 * NaN is never contained, so every range also rejects NaN.
 */
public final class Range {

    private final double lower;
    private final boolean lowerClosed;
    private final double upper;
    private final boolean upperClosed;

    private Range(double lower, boolean lowerClosed, double upper, boolean upperClosed) {
        this.lower = lower;
        this.lowerClosed = lowerClosed;
        this.upper = upper;
        this.upperClosed = upperClosed;
    }

    /** [lower, upper]. */
    public static Range closed(double lower, double upper) { return new Range(lower, true, upper, true); }
    /** [lower, upper). */
    public static Range closedOpen(double lower, double upper) { return new Range(lower, true, upper, false); }
    /** (lower, upper]. */
    public static Range openClosed(double lower, double upper) { return new Range(lower, false, upper, true); }
    /** (lower, upper). */
    public static Range open(double lower, double upper) { return new Range(lower, false, upper, false); }
    /** [lower, +inf) — finite values only. */
    public static Range atLeast(double lower) { return new Range(lower, true, Double.POSITIVE_INFINITY, false); }
    /** (lower, +inf) — finite values only. */
    public static Range greaterThan(double lower) { return new Range(lower, false, Double.POSITIVE_INFINITY, false); }
    /** Any finite value. */
    public static Range finite() {
        return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    public double lower() { return lower; }
    public double upper() { return upper; }
    public boolean lowerClosed() { return lowerClosed; }
    public boolean upperClosed() { return upperClosed; }

    public boolean contains(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        boolean aboveLower = lowerClosed ? v >= lower : v > lower;
        boolean belowUpper = upperClosed ? v <= upper : v < upper;
        return aboveLower && belowUpper;
    }

    /** The range as a constraint on {@code name}, e.g. "0 <= alpha < 1" or "beta > 0 (finite)". */
    public String describe(String name) {
        boolean lowInf = Double.isInfinite(lower);
        boolean highInf = Double.isInfinite(upper);
        if (lowInf && highInf) {
            return name + " finite";
        }
        if (highInf) {
            return name + (lowerClosed ? " >= " : " > ") + Param.format(lower) + " (finite)";
        }
        if (lowInf) {
            return name + (upperClosed ? " <= " : " < ") + Param.format(upper) + " (finite)";
        }
        return Param.format(lower) + (lowerClosed ? " <= " : " < ") + name
                + (upperClosed ? " <= " : " < ") + Param.format(upper);
    }

    /** Interval notation for listings: [0, 1), (0, inf). */
    @Override
    public String toString() {
        return (lowerClosed ? "[" : "(") + (Double.isInfinite(lower) ? "-inf" : Param.format(lower)) + ", "
                + (Double.isInfinite(upper) ? "inf" : Param.format(upper)) + (upperClosed ? "]" : ")");
    }
}
