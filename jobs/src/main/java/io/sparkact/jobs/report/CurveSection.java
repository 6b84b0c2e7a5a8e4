package io.sparkact.jobs.report;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.ActivationEvaluator;
import io.sparkact.catalog.ActivationSpec;
import io.sparkact.jobs.activations.CurvePlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's first section: f and f′ of the compared activations, drawn by the activations job's
 * {@link CurvePlot} from each activation's own forward and backward code (eval mode, seed 42), and the values at
 * x = −4 … 4 as tables. An activation without an f(x) (maxout) or unknown to this version is listed, not drawn.
 */
final class CurveSection {

    static final String ID = "chart-curves";
    private static final double[] TABLE_X = {-4, -3, -2, -1, 0, 1, 2, 3, 4};

    private CurveSection() {
    }

    static String html(List<ActivationGroup> groups) {
        double[] grid = new double[121];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (-6.0 * (120 - i) + 6.0 * i) / 120; // exactly -6, -5.9, …, 6 (as the activations job does)
        }
        List<CurvePlot.Series> series = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("activation"));
        for (double x : TABLE_X) {
            header.add("x = " + (long) x);
        }
        HtmlTable f = new HtmlTable("f(x) at integer points", header);
        HtmlTable df = new HtmlTable("f'(x) at integer points (the activation's own backprop, dL/df = 1)", header);
        StringBuilder notes = new StringBuilder();
        for (ActivationGroup g : groups) {
            ActivationSpec spec;
            ActivationEvaluator.Curve table;
            try {
                spec = ActivationCatalog.standard().parse(g.activation());
                series.add(new CurvePlot.Series(g.activation(),
                        ActivationEvaluator.evaluate(spec, grid, false, 42, Map.of())));
                table = ActivationEvaluator.evaluate(spec, TABLE_X, false, 42, Map.of());
            } catch (IllegalArgumentException e) {
                notes.append("<p class=\"note\">No curve for ").append(Svg.escape(g.activation())).append(": ")
                        .append(Svg.escape(String.valueOf(e.getMessage()))).append("</p>\n");
                continue;
            }
            f.row(values(g.activation(), table.f()));
            df.row(values(g.activation(), table.df()));
        }
        StringBuilder sb = new StringBuilder("<section id=\"curves\">\n<h2>Activation curves</h2>\n");
        if (!series.isEmpty()) {
            // colours follow the order of the series, which is the groups' order minus the skipped ones
            sb.append("<figure>").append(CurvePlot.element(series, "eval", ID)).append("</figure>\n");
        }
        sb.append(notes).append(f.html()).append(df.html()).append("</section>\n");
        return sb.toString();
    }

    private static List<String> values(String label, double[] v) {
        List<String> cells = new ArrayList<>(List.of(label));
        for (double x : v) {
            cells.add(Format.g(x + 0.0)); // + 0.0: no "-0"
        }
        return cells;
    }
}
