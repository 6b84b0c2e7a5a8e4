package io.sparkact.jobs.activations;

import io.sparkact.catalog.ActivationEvaluator;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG (no scripts, no external resources) with two panels side by side: f(x) and
 * f′(x) of every series, sharing colours and a legend. Colours are the Okabe–Ito palette, which stays
 * distinguishable for the common forms of colour blindness; past eight series the dash pattern varies.
 */
public final class CurvePlot {

    /** One curve with its legend label. */
    public static final class Series {
        final String label;
        final ActivationEvaluator.Curve curve;

        public Series(String label, ActivationEvaluator.Curve curve) {
            this.label = label;
            this.curve = curve;
        }
    }

    static final String[] COLOURS = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
    private static final String[] DASHES = {"", "6,3", "2,2", "8,3,2,3"};

    private static final int PANEL_W = 420;
    private static final int PANEL_H = 300;
    private static final int MARGIN_L = 56;
    private static final int MARGIN_T = 40;
    private static final int GAP = 70;

    private CurvePlot() {
    }

    static String svg(List<Series> series, String mode) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(series, mode, null);
    }

    /**
     * The same picture as an {@code <svg>} element without the XML prolog, for inlining into an HTML page
     * (the report); {@code id}, when not null, becomes the element's id and the page's anchor.
     */
    public static String element(List<Series> series, String mode, String id) {
        int legendRows = series.size();
        int width = MARGIN_L + 2 * PANEL_W + GAP + 20;
        int height = MARGIN_T + PANEL_H + 50 + 18 * legendRows + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\"%s width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n",
                id == null ? "" : " id=\"" + escape(id) + "\"", width, height, width, height));
        sb.append("<title>SparkAct activations: f and f' (").append(mode).append(" mode)</title>\n");
        sb.append("<desc>Left panel: f(x) of each activation; right panel: f'(x) from the activation's own backprop. "
                + "One line per activation, colours as in the legend below the panels.</desc>\n");
        sb.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        panel(sb, series, MARGIN_L, "f(x)", true);
        panel(sb, series, MARGIN_L + PANEL_W + GAP, "f'(x) = dL/dx with dL/df = 1", false);
        int y = MARGIN_T + PANEL_H + 45;
        for (int i = 0; i < series.size(); i++) {
            int ly = y + 18 * i;
            sb.append(String.format(Locale.ROOT,
                    "<line class=\"legend\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"%s/>%n",
                    MARGIN_L, ly - 4, MARGIN_L + 28, ly - 4, colour(i), dash(i)));
            sb.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", MARGIN_L + 36, ly, escape(series.get(i).label)));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void panel(StringBuilder sb, List<Series> series, int left, String title, boolean values) {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] x = s.curve.x();
            double[] y = values ? s.curve.f() : s.curve.df();
            for (int i = 0; i < x.length; i++) {
                xmin = Math.min(xmin, x[i]);
                xmax = Math.max(xmax, x[i]);
                if (Double.isFinite(y[i])) {
                    ymin = Math.min(ymin, y[i]);
                    ymax = Math.max(ymax, y[i]);
                }
            }
        }
        double[] ylim = Axis.niceLimits(ymin, ymax);
        double[] xlim = {xmin, xmax};
        int top = MARGIN_T;
        sb.append(String.format("<g class=\"panel\" data-title=\"%s\">%n", escape(title)));
        sb.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                left, top - 14, escape(title)));
        sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                left, top, PANEL_W, PANEL_H));
        for (double t : Axis.ticks(ylim[0], ylim[1])) {
            double py = py(t, ylim, top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"%s\"/>%n",
                    left, py, left + PANEL_W, py, t == 0 ? "#555" : "#e5e5e5"));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n",
                    left - 6, py + 4, Axis.label(t)));
        }
        for (double t : Axis.ticks(xlim[0], xlim[1])) {
            double px = px(t, xlim, left);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"%s\"/>%n",
                    px, top, px, top + PANEL_H, t == 0 ? "#555" : "#e5e5e5"));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, top + PANEL_H + 16, Axis.label(t)));
        }
        sb.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">x</text>%n",
                left + PANEL_W / 2, top + PANEL_H + 32));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double[] x = s.curve.x();
            double[] y = values ? s.curve.f() : s.curve.df();
            StringBuilder pts = new StringBuilder();
            for (int k = 0; k < x.length; k++) {
                if (Double.isFinite(y[k])) {
                    pts.append(String.format(Locale.ROOT, "%.2f,%.2f ", px(x[k], xlim, left), py(y[k], ylim, top)));
                }
            }
            sb.append(String.format("<polyline class=\"series\" data-label=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s points=\"%s\"/>%n", escape(s.label), colour(i), dash(i), pts.toString().trim()));
        }
        sb.append("</g>\n");
    }

    private static double px(double x, double[] lim, int left) {
        return left + (x - lim[0]) / (lim[1] - lim[0]) * PANEL_W;
    }

    private static double py(double y, double[] lim, int top) {
        return top + PANEL_H - (y - lim[0]) / (lim[1] - lim[0]) * PANEL_H;
    }

    /** Okabe–Ito colour of series i (the report uses the same colour per activation in every chart). */
    public static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private static String dash(int i) {
        String d = DASHES[(i / COLOURS.length) % DASHES.length];
        return d.isEmpty() ? "" : " stroke-dasharray=\"" + d + "\"";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
