package io.sparkact.jobs.report;

import io.sparkact.jobs.activations.Axis;
import io.sparkact.jobs.activations.CurvePlot;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A horizontal bar chart, one row per activation, with ± one standard deviation error bars where there are two or
 * more runs. Horizontal so that long activation specs ({@code rrelu(lower=0.125,upper=0.333)}) stay readable.
 *
 * <p>Zero-based charts draw bars from 0 to the value on an axis [0, {@link Svg#niceCeil} of the largest
 * value + error]. Metrics whose differences are small against their size (AUC 0.76 vs 0.77) are drawn as dots on an
 * axis fitted to the data instead, since a bar's length would then suggest a ratio that means nothing.
 */
final class BarChart {

    /** One row: value NaN draws no mark; error NaN draws no error bar. {@code colour} indexes the palette. */
    record Bar(String label, double value, double error, int colour) {
    }

    static final int PLOT_W = 360;
    static final int ROW_H = 26;
    static final int BAR_H = 16;
    static final int TOP = 12;
    static final int VALUE_W = 130;

    private BarChart() {
    }

    /**
     * @param zeroBased bars from zero, or dots on an axis fitted to the data
     * @param format how values are printed beside the rows
     */
    static String svg(String id, String title, String desc, String axisLabel, List<Bar> bars, boolean zeroBased,
                      DoubleFunction<String> format) {
        int labelW = 20;
        for (Bar b : bars) {
            labelW = Math.max(labelW, Svg.textWidth(b.label()) + 12);
        }
        double[] lim = limits(bars, zeroBased);
        int width = labelW + PLOT_W + VALUE_W;
        int plotH = ROW_H * bars.size();
        int height = TOP + plotH + 46;
        StringBuilder sb = new StringBuilder();
        Svg.open(sb, id, width, height, title, desc);
        for (double t : Axis.ticks(lim[0], lim[1])) {
            double x = x(t, lim, labelW);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" "
                    + "stroke=\"%s\"/>%n", Svg.c(x), TOP, Svg.c(x), TOP + plotH, t == 0 ? "#555" : "#e0e0e0"));
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>%n", Svg.c(x), TOP + plotH + 16, Axis.label(t)));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
                + "</text>%n", labelW + PLOT_W / 2, TOP + plotH + 36, Svg.escape(axisLabel)));
        for (int i = 0; i < bars.size(); i++) {
            row(sb, bars.get(i), TOP + i * ROW_H, labelW, lim, zeroBased, format);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, Bar b, int top, int labelW, double[] lim, boolean zeroBased,
                            DoubleFunction<String> format) {
        double cy = top + ROW_H / 2.0;
        String label = Svg.escape(b.label());
        sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>%n",
                labelW - 8, Svg.c(cy + 4), label));
        String text = Double.isFinite(b.value()) ? format.apply(b.value())
                + (Double.isFinite(b.error()) ? " ± " + format.apply(b.error()) : "") : "–";
        sb.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%d\" y=\"%s\">%s</text>%n",
                labelW + PLOT_W + 8, Svg.c(cy + 4), Svg.escape(text)));
        if (!Double.isFinite(b.value())) {
            return;
        }
        String colour = CurvePlot.colour(b.colour());
        double xv = x(b.value(), lim, labelW);
        String tip = "<title>" + label + ": " + Svg.escape(text) + "</title>";
        if (zeroBased) {
            double x0 = x(0, lim, labelW);
            sb.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-label=\"%s\" data-value=\"%s\" x=\"%s\" "
                    + "y=\"%s\" width=\"%s\" height=\"%d\" fill=\"%s\">%s</rect>%n", label, b.value(),
                    Svg.c(Math.min(x0, xv)), Svg.c(cy - BAR_H / 2.0), Svg.c(Math.abs(xv - x0)), BAR_H, colour, tip));
        } else {
            sb.append(String.format(Locale.ROOT, "<circle class=\"dot\" data-label=\"%s\" data-value=\"%s\" cx=\"%s\" "
                    + "cy=\"%s\" r=\"5\" fill=\"%s\">%s</circle>%n", label, b.value(), Svg.c(xv), Svg.c(cy), colour,
                    tip));
        }
        if (Double.isFinite(b.error())) {
            double lo = x(b.value() - b.error(), lim, labelW);
            double hi = x(b.value() + b.error(), lim, labelW);
            sb.append(String.format(Locale.ROOT, "<path class=\"errorbar\" d=\"M%s %sV%sM%s %sH%sM%s %sV%s\" "
                    + "stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>%n",
                    Svg.c(lo), Svg.c(cy - 5), Svg.c(cy + 5), Svg.c(lo), Svg.c(cy), Svg.c(hi), Svg.c(hi),
                    Svg.c(cy - 5), Svg.c(cy + 5)));
        }
    }

    /** Axis limits: [0, niceCeil(max)] (or [niceFloor, 0] side for negatives) when zero-based, else fitted. */
    static double[] limits(List<Bar> bars, boolean zeroBased) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Bar b : bars) {
            if (Double.isFinite(b.value())) {
                double e = Double.isFinite(b.error()) ? b.error() : 0;
                lo = Math.min(lo, b.value() - e);
                hi = Math.max(hi, b.value() + e);
            }
        }
        if (zeroBased) {
            double top = Svg.niceCeil(Math.max(hi, 0));
            return new double[] {lo < 0 ? -Svg.niceCeil(-lo) : 0, top};
        }
        return Axis.niceLimits(lo, hi);
    }

    /** Horizontal position of a value on the axis. */
    static double x(double v, double[] lim, int labelW) {
        return labelW + (v - lim[0]) / (lim[1] - lim[0]) * PLOT_W;
    }
}
