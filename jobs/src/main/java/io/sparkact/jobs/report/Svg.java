package io.sparkact.jobs.report;

import java.util.Locale;

/** Small helpers shared by the charts and the page: escaping, number formatting, the opening tag, axis limits. */
final class Svg {

    private Svg() {
    }

    /** Escapes text for HTML/SVG element content and double- or single-quoted attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A coordinate with two decimals: enough for a screen, short, and identical on every JVM (Locale.ROOT). */
    static String c(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** {@code <svg id=… role="img" aria-labelledby=…>} with its {@code <title>} and {@code <desc>}. */
    static void open(StringBuilder sb, String id, int width, int height, String title, String desc) {
        String t = escape(id) + "-title";
        String d = escape(id) + "-desc";
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s %s\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", escape(id), width, height, width, height, t, d));
        sb.append("<title id=\"").append(t).append("\">").append(escape(title)).append("</title>\n");
        sb.append("<desc id=\"").append(d).append("\">").append(escape(desc)).append("</desc>\n");
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
    }

    /**
     * The smallest "round" number ≥ x (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten), for the top of a
     * zero-based axis; 1 when x ≤ 0 or not finite (an all-zero chart still gets an axis).
     */
    static double niceCeil(double x) {
        if (!(x > 0) || !Double.isFinite(x)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * mag >= x * (1 - 1e-12)) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    /** Approximate rendered width of 12px sans-serif text, for layout (generous so labels never overlap). */
    static int textWidth(String s) {
        return 7 * s.length();
    }
}
