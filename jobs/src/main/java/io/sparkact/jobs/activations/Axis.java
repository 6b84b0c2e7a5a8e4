package io.sparkact.jobs.activations;

import java.util.ArrayList;
import java.util.List;

/** Axis limits and "nice" tick values (steps of 1, 2 or 5 times a power of ten). */
public final class Axis {

    private Axis() {
    }

    /** Limits padded by 5% of the range; a flat curve gets ±1 around its value. */
    public static double[] niceLimits(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {-1, 1};
        }
        if (max - min < 1e-12) {
            return new double[] {min - 1, max + 1};
        }
        double pad = 0.05 * (max - min);
        return new double[] {min - pad, max + pad};
    }

    /** About five to ten ticks inside [lo, hi]. */
    public static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step); k * step <= hi + 1e-9 * step; k++) {
            double t = k * step;
            ticks.add(Math.abs(t) < 1e-12 * step ? 0.0 : t);
        }
        return ticks;
    }

    public static String label(double t) {
        if (t == Math.rint(t) && Math.abs(t) < 1e9) {
            return Long.toString((long) t);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", t);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
