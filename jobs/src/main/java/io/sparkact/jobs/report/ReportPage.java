package io.sparkact.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles report.html: inline CSS, inline SVG, tables; no scripts, and a Content-Security-Policy that forbids
 * every fetch so the page provably needs no network. Deterministic: the same runs give the same string.
 */
final class ReportPage {

    /** Allows only the inline style element and inline SVG; images, fonts, scripts and frames are refused. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'";

    private static final String CSS = String.join("\n",
            "body{font-family:sans-serif;margin:24px auto;max-width:1240px;color:#222;line-height:1.4}",
            "h1{font-size:24px}h2{font-size:19px;margin-top:36px;border-bottom:1px solid #ddd;padding-bottom:4px}",
            ".grid{display:flex;flex-wrap:wrap;gap:16px}",
            "figure{margin:8px 0}figure svg{max-width:100%;height:auto}figcaption{font-size:14px;font-weight:bold}",
            "table{border-collapse:collapse;margin:12px 0;font-size:13px}",
            "caption{text-align:left;font-weight:bold;padding:4px 0}",
            "th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}",
            "th[scope=row],thead th:first-child{text-align:left}thead th{background:#f3f3f3}",
            ".note{color:#a33}code{font-size:12px}");

    private ReportPage() {
    }

    /** The whole page for runs already read, without notes. */
    static String html(String title, List<RunSummary> runs) {
        return html(title, runs, List.of());
    }

    /**
     * The whole page for runs already read; {@code title} is escaped. {@code notes} (trials skipped or left out
     * of the pooling) are shown under the run count, since they change what the error bars mean.
     */
    static String html(String title, List<RunSummary> runs, List<String> notes) {
        List<ActivationGroup> groups = ActivationGroup.of(runs);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.append("<title>").append(Svg.escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("\n</style>\n</head>\n<body>\n<h1>").append(Svg.escape(title)).append("</h1>\n");
        sb.append("<p>").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" of ")
                .append(groups.size()).append(groups.size() == 1 ? " activation" : " activations").append(".</p>\n");
        for (String n : notes) {
            sb.append("<p class=\"note\">").append(Svg.escape(n)).append("</p>\n");
        }
        sb.append(contents());
        sb.append(CurveSection.html(groups));
        sb.append(MetricSection.html(groups));
        sb.append(HealthSection.html(groups));
        sb.append(inputs(runs));
        return sb.append("</body>\n</html>\n").toString();
    }

    private static String contents() {
        List<String[]> items = new ArrayList<>();
        items.add(new String[] {"curves", "Activation curves"});
        items.add(new String[] {"metrics", "Final metrics per activation"});
        items.add(new String[] {"training", "Validation AUC per epoch"});
        items.add(new String[] {"dead", "Dead units per layer and epoch"});
        items.add(new String[] {"gradients", "Gradient norm per layer"});
        items.add(new String[] {"inputs", "Inputs"});
        StringBuilder sb = new StringBuilder("<nav><ul>\n");
        for (String[] i : items) {
            sb.append("<li><a href=\"#").append(i[0]).append("\">").append(i[1]).append("</a></li>\n");
        }
        return sb.append("</ul></nav>\n").toString();
    }

    private static String inputs(List<RunSummary> runs) {
        StringBuilder sb = new StringBuilder("<section id=\"inputs\">\n<h2>Inputs</h2>\n<ul>\n");
        for (RunSummary r : runs) {
            sb.append("<li><code>").append(Svg.escape(r.source())).append("</code> (")
                    .append(Svg.escape(r.activation()))
                    .append(r.setting().isEmpty() ? "" : ", " + Svg.escape(r.setting())).append(")</li>\n");
        }
        return sb.append("</ul>\n</section>\n").toString();
    }
}
