package io.sparkact.jobs.report;

import io.sparkact.jobs.activations.Axis;
import io.sparkact.jobs.activations.CurvePlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lines over categories (epochs 1, 2, 3 or layers h0, h1, h2), one per activation, with the legend below.
 * Categories are evenly spaced; missing values (NaN, or ≤ 0 on a log axis) are left out of the line. A log axis
 * has a tick at each power of ten; it is how a vanishing gradient (norms falling by orders of magnitude towards the
 * input layer) stays visible next to healthy ones.
 */
final class LineChart {

    /** One line; {@code y[i]} belongs to category i. {@code colour} indexes the palette. */
    record Series(String label, double[] y, int colour) {
        Series {
            y = y.clone();
        }
    }

    /** Axis scale: linear from zero, linear fitted to the data, or log10. */
    enum Scale { ZERO, FITTED, LOG }

    static final int LEFT = 64;
    static final int TOP = 12;
    static final int PLOT_W = 420;
    static final int PLOT_H = 220;
    static final int PAD = 24;

    private LineChart() {
    }

    static String svg(String id, String title, String desc, String xLabel, String yLabel, List<String> categories,
                      List<Series> series, Scale scale) {
        // the legend goes below the plot: beside it, long specs would make the chart too wide for two per row
        int legendW = 40;
        for (Series s : series) {
            legendW = Math.max(legendW, Svg.textWidth(s.label()) + 36);
        }
        int width = Math.max(LEFT + PLOT_W + 16, LEFT + legendW + 8);
        int legendTop = TOP + PLOT_H + 64;
        int height = legendTop + 18 * series.size();
        double[] lim = limits(series, scale);
        StringBuilder sb = new StringBuilder();
        Svg.open(sb, id, width, height, title, desc);
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", LEFT, TOP, PLOT_W, PLOT_H));
        for (double t : ticks(lim, scale)) {
            double y = y(t, lim, scale);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" "
                    + "stroke=\"#e0e0e0\"/>%n", LEFT, Svg.c(y), LEFT + PLOT_W, Svg.c(y)));
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%s"
                    + "</text>%n", LEFT - 6, Svg.c(y + 4), Axis.label(t)));
        }
        for (int i = 0; i < categories.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>%n", Svg.c(x(i, categories.size())), TOP + PLOT_H + 16, Svg.escape(categories.get(i))));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
                + "</text>%n", LEFT + PLOT_W / 2, TOP + PLOT_H + 36, Svg.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" transform=\"translate(14 %d) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + PLOT_H / 2, Svg.escape(yLabel)));
        for (int k = 0; k < series.size(); k++) {
            line(sb, series.get(k), categories, lim, scale);
            legend(sb, series.get(k), LEFT, legendTop + 18 * k);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, Series s, List<String> categories, double[] lim, Scale scale) {
        String colour = CurvePlot.colour(s.colour());
        String label = Svg.escape(s.label());
        List<String> pts = new ArrayList<>();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < categories.size() && i < s.y().length; i++) {
            double v = s.y()[i];
            if (!drawable(v, scale)) {
                continue;
            }
            String px = Svg.c(x(i, categories.size()));
            String py = Svg.c(y(v, lim, scale));
            pts.add(px + "," + py);
            marks.append(String.format(Locale.ROOT, "<circle class=\"point\" data-label=\"%s\" data-x=\"%s\" "
                    + "data-y=\"%s\" cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"><title>%s, %s: %s</title></circle>%n",
                    label, Svg.escape(categories.get(i)), v, px, py, colour, label, Svg.escape(categories.get(i)),
                    Axis.label(v)));
        }
        if (pts.size() > 1) {
            sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-label=\"%s\" fill=\"none\" "
                    + "stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", label, colour, String.join(" ", pts)));
        }
        sb.append(marks);
    }

    private static void legend(StringBuilder sb, Series s, int x, int y) {
        sb.append(String.format(Locale.ROOT, "<line class=\"legend\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                + "stroke=\"%s\" stroke-width=\"2.5\"/>%n", x, y - 4, x + 28, y - 4, CurvePlot.colour(s.colour())));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 36, y, Svg.escape(s.label())));
    }

    private static boolean drawable(double v, Scale scale) {
        return Double.isFinite(v) && (scale != Scale.LOG || v > 0);
    }

    /** Axis limits; for LOG they are exponents of ten (floor of the smallest, ceiling of the largest value). */
    static double[] limits(List<Series> series, Scale scale) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.y()) {
                if (drawable(v, scale)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        switch (scale) {
            case ZERO:
                return new double[] {0, Svg.niceCeil(hi)};
            case LOG:
                if (lo > hi) {
                    return new double[] {0, 1};
                }
                double a = Math.floor(Math.log10(lo));
                double b = Math.ceil(Math.log10(hi));
                return new double[] {a, b > a ? b : a + 1};
            default:
                return Axis.niceLimits(lo, hi);
        }
    }

    private static List<Double> ticks(double[] lim, Scale scale) {
        if (scale != Scale.LOG) {
            return Axis.ticks(lim[0], lim[1]);
        }
        List<Double> t = new ArrayList<>();
        for (double e = lim[0]; e <= lim[1]; e++) {
            t.add(Math.pow(10, e));
        }
        return t;
    }

    /** Horizontal centre of category i of n: evenly spaced with PAD at both ends, or centred when n = 1. */
    static double x(int i, int n) {
        return n == 1 ? LEFT + PLOT_W / 2.0 : LEFT + PAD + i * (PLOT_W - 2.0 * PAD) / (n - 1);
    }

    /** Vertical position of a value (its log10 on a LOG axis). */
    static double y(double v, double[] lim, Scale scale) {
        double u = scale == Scale.LOG ? Math.log10(v) : v;
        return TOP + PLOT_H - (u - lim[0]) / (lim[1] - lim[0]) * PLOT_H;
    }
}
