package io.sparkact.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Per-activation bars (AUC, logloss, dead %, saturated %, examples/s), each with ± one standard deviation over the
 * activation's runs when it has two or more, and the tables behind them: the pooled summary and every run.
 */
final class MetricSection {

    /** Chart ids, in page order (the Chromium test looks for each). */
    static final List<String> IDS = List.of("chart-auc", "chart-logloss", "chart-dead", "chart-saturated",
            "chart-speed");

    private MetricSection() {
    }

    static String html(List<ActivationGroup> groups) {
        StringBuilder sb = new StringBuilder("<section id=\"metrics\">\n<h2>Final metrics per activation</h2>\n");
        sb.append("<p>Mean over each activation's runs; error bars and ± show one sample standard deviation when "
                + "there are two or more runs. Dead and saturated are the hidden layers' mean at the last epoch."
                + "</p>\n");
        sb.append("<div class=\"grid\">\n");
        sb.append(chart(groups, IDS.get(0), "Validation AUC", "AUC (higher is better)", RunSummary::auc, false,
                Format::f4));
        sb.append(chart(groups, IDS.get(1), "Validation logloss", "logloss (lower is better)", RunSummary::logloss,
                false, Format::f4));
        sb.append(chart(groups, IDS.get(2), "Dead units", "% of hidden units with |f'| < 1e-3 on every example",
                r -> 100 * finalLayerMean(r, RunSummary.LayerHealth::deadFraction), true, MetricSection::one));
        sb.append(chart(groups, IDS.get(3), "Saturated outputs", "% of (example, unit) pairs with |f'| < 1e-3",
                r -> 100 * finalLayerMean(r, RunSummary.LayerHealth::saturatedFraction), true, MetricSection::one));
        sb.append(chart(groups, IDS.get(4), "Training speed", "examples per second", RunSummary::examplesPerSec,
                true, Format::f0));
        sb.append("</div>\n").append(summary(groups).html()).append(perRun(groups).html()).append("</section>\n");
        return sb.toString();
    }

    private static String one(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String chart(List<ActivationGroup> groups, String id, String title, String axis,
                                ToDoubleFunction<RunSummary> value, boolean zeroBased, DoubleFunction<String> fmt) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            ActivationGroup.Stat s = groups.get(i).stat(value);
            bars.add(new BarChart.Bar(groups.get(i).activation(), s.mean(), s.sd(), i));
        }
        String desc = title + " per activation: " + (zeroBased ? "bars from zero" : "dots") + ", one row per "
                + "activation; the table below the charts has the numbers.";
        // the caption goes above its chart: below, it reads as the heading of the next one
        return "<figure><figcaption>" + Svg.escape(title) + "</figcaption>"
                + BarChart.svg(id, title, desc, axis, bars, zeroBased, fmt) + "</figure>\n";
    }

    /** Mean over hidden layers of a health value at the run's last epoch (layers unweighted by width). */
    static double finalLayerMean(RunSummary r, ToDoubleFunction<RunSummary.LayerHealth> value) {
        List<Double> v = new ArrayList<>();
        r.health().stream().filter(h -> h.epoch() == r.lastHealthEpoch()).forEach(h -> v.add(value.applyAsDouble(h)));
        return ActivationGroup.Stat.of(v).mean();
    }

    private static HtmlTable summary(List<ActivationGroup> groups) {
        HtmlTable t = new HtmlTable("Per activation: mean ± sample standard deviation over runs",
                List.of("activation", "runs", "AUC", "logloss", "calibration", "dead %", "saturated %",
                        "examples/s", "train seconds"));
        for (ActivationGroup g : groups) {
            t.row(List.of(g.activation(), Integer.toString(g.runs().size()),
                    Format.meanSd(g.stat(RunSummary::auc), Format::f4),
                    Format.meanSd(g.stat(RunSummary::logloss), Format::f4),
                    Format.meanSd(g.stat(RunSummary::calibration), Format::f4),
                    Format.meanSd(g.stat(r -> finalLayerMean(r, RunSummary.LayerHealth::deadFraction)), Format::pct),
                    Format.meanSd(g.stat(r -> finalLayerMean(r, RunSummary.LayerHealth::saturatedFraction)),
                            Format::pct),
                    Format.meanSd(g.stat(RunSummary::examplesPerSec), Format::f0),
                    Format.meanSd(g.stat(RunSummary::trainSeconds), v -> String.format(Locale.ROOT, "%.1f", v))));
        }
        return t;
    }

    private static HtmlTable perRun(List<ActivationGroup> groups) {
        HtmlTable t = new HtmlTable("Every run", List.of("activation", "model", "AUC", "logloss", "dead %",
                "saturated %", "examples/s", "metrics file"));
        for (ActivationGroup g : groups) {
            for (RunSummary r : g.runs()) {
                t.row(List.of(r.activation(), r.model(), Format.f4(r.auc()), Format.f4(r.logloss()),
                        Format.pct(finalLayerMean(r, RunSummary.LayerHealth::deadFraction)),
                        Format.pct(finalLayerMean(r, RunSummary.LayerHealth::saturatedFraction)),
                        Format.f0(r.examplesPerSec()), r.source()));
            }
        }
        return t;
    }
}
