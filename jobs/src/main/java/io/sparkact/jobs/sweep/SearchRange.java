package io.sparkact.jobs.sweep;

import java.util.Locale;
import java.util.Random;

/**
 * A random search range: {@code uniform} or {@code log_uniform} over [lo, hi] for real values, {@code int}
 * for integers uniform over lo..hi inclusive. Sampled reals are rounded to 4 significant digits, so that a
 * trial's config reads well and its text form is exactly the value that was trained with.
 */
record SearchRange(Kind kind, double lo, double hi) {

    /** The distributions a range can have, by their config names. */
    enum Kind {
        UNIFORM("uniform"), LOG_UNIFORM("log_uniform"), INT("int");

        final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        /** The kind called {@code name}, or null. */
        static Kind named(String name) {
            for (Kind k : values()) {
                if (k.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The form a range is written in, for messages. */
    static final String SYNTAX = "uniform, log_uniform (lo > 0) or int followed by lo and hi with lo <= hi";

    /** Checks the bounds; the message ends in what is allowed. */
    static SearchRange of(Kind kind, double lo, double hi) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi) || (kind == Kind.LOG_UNIFORM && lo <= 0)
                || (kind == Kind.INT && (lo != Math.rint(lo) || hi != Math.rint(hi)))) {
            throw new IllegalArgumentException("a range " + SYNTAX + (kind == Kind.INT ? " (integers)" : ""));
        }
        return new SearchRange(kind, lo, hi);
    }

    /** One value drawn with {@code r}: a Double, or an Integer for {@link Kind#INT}. */
    Object sample(Random r) {
        switch (kind) {
            case INT:
                return (int) lo + r.nextInt((int) (hi - lo) + 1);
            case LOG_UNIFORM:
                return round(Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo))));
            default:
                return round(lo + r.nextDouble() * (hi - lo));
        }
    }

    /** A real as a spec or config writes it ("0.02", "6"). */
    static String text(double v) {
        return io.sparkact.params.Param.format(v);
    }

    private double round(double v) {
        double r = Double.parseDouble(String.format(Locale.ROOT, "%.4g", v));
        return Math.min(hi, Math.max(lo, r)); // rounding must not leave the range
    }
}
