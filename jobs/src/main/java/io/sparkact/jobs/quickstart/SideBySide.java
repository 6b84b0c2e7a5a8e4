package io.sparkact.jobs.quickstart;

import io.sparkact.catalog.ActivationEvaluator;
import io.sparkact.catalog.ActivationSpec;
import java.util.List;
import java.util.Locale;

/** A fixed-width table: one row per x, one column per spec, f or f′ with 6 significant digits. */
final class SideBySide {

    private SideBySide() {
    }

    static String format(List<ActivationSpec> specs, List<ActivationEvaluator.Curve> curves, boolean values) {
        StringBuilder sb = new StringBuilder();
        int[] widths = new int[specs.size()];
        sb.append(String.format(Locale.ROOT, "%8s", "x"));
        for (int j = 0; j < specs.size(); j++) {
            String label = specs.get(j).name();
            widths[j] = Math.max(12, label.length() + 2);
            sb.append(String.format(Locale.ROOT, "%" + widths[j] + "s", label));
        }
        sb.append('\n');
        double[] x = curves.get(0).x();
        for (int i = 0; i < x.length; i++) {
            sb.append(String.format(Locale.ROOT, "%8s", trim(x[i])));
            for (int j = 0; j < specs.size(); j++) {
                double v = values ? curves.get(j).f()[i] : curves.get(j).df()[i];
                sb.append(String.format(Locale.ROOT, "%" + widths[j] + "s", trim(v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String trim(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
