package io.sparkact.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Training over time and through the network: validation AUC per epoch, dead units per hidden layer per epoch
 * (one chart per layer), and each layer's weight-gradient norm at the last epoch on a log axis — the
 * vanishing-gradient picture. Values of an activation with several runs are the mean over its runs.
 */
final class HealthSection {

    static final String VAL_AUC = "chart-val-auc";
    static final String GRAD_NORM = "chart-grad-norm";
    static final String DEAD_PREFIX = "chart-dead-";

    private HealthSection() {
    }

    /** Every epoch any run has, ascending. */
    static List<Integer> epochs(List<ActivationGroup> groups) {
        TreeSet<Integer> e = new TreeSet<>();
        groups.forEach(g -> e.addAll(g.epochs()));
        groups.forEach(g -> g.runs().forEach(r -> r.health().forEach(h -> e.add(h.epoch()))));
        return List.copyOf(e);
    }

    /** Every hidden layer any run has, in first-seen order. */
    static List<String> layers(List<ActivationGroup> groups) {
        List<String> l = new ArrayList<>();
        groups.forEach(g -> g.layers().forEach(x -> {
            if (!l.contains(x)) {
                l.add(x);
            }
        }));
        return l;
    }

    static String html(List<ActivationGroup> groups) {
        List<Integer> epochs = epochs(groups);
        List<String> epochLabels = epochs.stream().map(String::valueOf).toList();
        StringBuilder sb = new StringBuilder("<section id=\"training\">\n<h2>Validation AUC per epoch</h2>\n");
        List<LineChart.Series> auc = new ArrayList<>();
        HtmlTable aucTable = new HtmlTable("Validation AUC per epoch (mean over runs)",
                header("activation", epochLabels));
        for (int i = 0; i < groups.size(); i++) {
            ActivationGroup g = groups.get(i);
            double[] y = epochs.stream().mapToDouble(e -> g.epochMean(e, RunSummary.Epoch::valAuc)).toArray();
            auc.add(new LineChart.Series(g.activation(), y, i));
            aucTable.row(row(g.activation(), y, Format::f4));
        }
        String aucTitle = "Validation AUC per epoch";
        sb.append(figure(aucTitle, LineChart.svg(VAL_AUC, aucTitle, "Validation AUC after each epoch, one "
                + "line per activation.", "epoch", "validation AUC", epochLabels, auc, LineChart.Scale.FITTED)));
        sb.append(aucTable.html()).append("</section>\n");
        List<String> layers = layers(groups);
        if (layers.isEmpty()) {
            // outputs of a train version before the health probe: say so rather than draw empty axes
            return sb.append("<section id=\"dead\">\n<h2>Dead units per layer and epoch</h2>\n<p class=\"note\">"
                    + "The inputs have no health records, so there are no per-layer charts.</p>\n</section>\n"
                    + "<section id=\"gradients\">\n<h2>Gradient norm per layer</h2>\n<p class=\"note\">No health "
                    + "records.</p>\n</section>\n").toString();
        }
        sb.append("<section id=\"dead\">\n<h2>Dead units per layer and epoch</h2>\n<p>Share of a layer's units "
                + "whose |f'| &lt; 1e-3 on every validation example.</p>\n<div class=\"grid\">\n");
        HtmlTable deadTable = new HtmlTable("Dead units, % (mean over runs)",
                header("activation / layer", epochLabels.stream().map(e -> "epoch " + e).toList()));
        for (String layer : layers) {
            List<LineChart.Series> dead = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                ActivationGroup g = groups.get(i);
                double[] y = epochs.stream().mapToDouble(
                        e -> 100 * g.healthMean(layer, e, RunSummary.LayerHealth::deadFraction)).toArray();
                dead.add(new LineChart.Series(g.activation(), y, i));
                deadTable.row(row(g.activation() + " / " + layer, y, v -> String.format(java.util.Locale.ROOT,
                        "%.1f", v)));
            }
            String title = "Dead units in " + layer;
            sb.append(figure(title, LineChart.svg(DEAD_PREFIX + layer, title, "Percentage of dead "
                    + "units in hidden layer " + layer + " after each epoch, one line per activation.", "epoch",
                    "% dead units", epochLabels, dead, LineChart.Scale.ZERO)));
        }
        sb.append("</div>\n").append(deadTable.html()).append("</section>\n");
        sb.append(gradients(groups, layers, epochs));
        return sb.toString();
    }

    private static String gradients(List<ActivationGroup> groups, List<String> layers, List<Integer> epochs) {
        StringBuilder sb = new StringBuilder("<section id=\"gradients\">\n<h2>Gradient norm per layer</h2>\n<p>L2 "
                + "norm of each hidden layer's weight gradient (mean over minibatches) at the last epoch, log scale. "
                + "Norms falling by orders of magnitude towards the first layer are a vanishing gradient.</p>\n");
        List<LineChart.Series> norms = new ArrayList<>();
        HtmlTable t = new HtmlTable("Weight-gradient L2 norm per layer and epoch (mean over runs)",
                header("activation / layer", epochs.stream().map(e -> "epoch " + e).toList()));
        for (int i = 0; i < groups.size(); i++) {
            ActivationGroup g = groups.get(i);
            norms.add(new LineChart.Series(g.activation(), layers.stream()
                    .mapToDouble(l -> g.finalHealthMean(l, RunSummary.LayerHealth::gradNorm)).toArray(), i));
            for (String layer : layers) {
                double[] byEpoch = epochs.stream()
                        .mapToDouble(e -> g.healthMean(layer, e, RunSummary.LayerHealth::gradNorm)).toArray();
                t.row(row(g.activation() + " / " + layer, byEpoch, Format::g));
            }
        }
        String title = "Gradient norm per layer (last epoch)";
        sb.append(figure(title, LineChart.svg(GRAD_NORM, title, "Weight-gradient L2 norm "
                + "of each hidden layer from input side (left) to output side (right), one line per activation, "
                + "log scale.", "hidden layer (input side → output side)", "gradient L2 norm (log)", layers, norms,
                LineChart.Scale.LOG)));
        return sb.append(t.html()).append("</section>\n").toString();
    }

    private static List<String> header(String first, List<String> rest) {
        List<String> h = new ArrayList<>(List.of(first));
        h.addAll(rest);
        return h;
    }

    private static List<String> row(String first, double[] values, java.util.function.DoubleFunction<String> f) {
        List<String> r = new ArrayList<>(List.of(first));
        for (double v : values) {
            r.add(Double.isFinite(v) ? f.apply(v) : Format.MISSING);
        }
        return r;
    }

    private static String figure(String caption, String svg) {
        return "<figure><figcaption>" + Svg.escape(caption) + "</figcaption>" + svg + "</figure>\n";
    }
}
