package io.sparkact.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one activation (several seeds, several inputs, sweep trials), pooled: the report's charts show
 * the mean and, with two or more runs, ± one sample standard deviation (n − 1 in the denominator).
 */
final class ActivationGroup {

    private final String activation;
    private final List<RunSummary> runs;

    private ActivationGroup(String activation, List<RunSummary> runs) {
        this.activation = activation;
        this.runs = List.copyOf(runs);
    }

    /** Groups by activation spec, in the order each activation first appears among the runs. */
    static List<ActivationGroup> of(List<RunSummary> runs) {
        Map<String, List<RunSummary>> by = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            by.computeIfAbsent(r.activation(), k -> new ArrayList<>()).add(r);
        }
        List<ActivationGroup> groups = new ArrayList<>();
        by.forEach((a, l) -> groups.add(new ActivationGroup(a, l)));
        return List.copyOf(groups);
    }

    String activation() { return activation; }
    List<RunSummary> runs() { return runs; }

    /** Mean and sample standard deviation of a per-run value over the runs where it is finite. */
    Stat stat(ToDoubleFunction<RunSummary> value) {
        List<Double> v = new ArrayList<>();
        for (RunSummary r : runs) {
            v.add(value.applyAsDouble(r));
        }
        return Stat.of(v);
    }

    /** The epochs any run has, ascending. */
    List<Integer> epochs() {
        TreeSet<Integer> e = new TreeSet<>();
        runs.forEach(r -> r.epochs().forEach(x -> e.add(x.epoch())));
        return List.copyOf(e);
    }

    /** Mean over runs of a per-epoch value at one epoch (NaN when no run has it). */
    double epochMean(int epoch, ToDoubleFunction<RunSummary.Epoch> value) {
        List<Double> v = new ArrayList<>();
        runs.forEach(r -> r.epochs().stream().filter(e -> e.epoch() == epoch)
                .forEach(e -> v.add(value.applyAsDouble(e))));
        return Stat.of(v).mean();
    }

    /** The hidden layers any run has, in first-seen order (h0, h1, …). */
    List<String> layers() {
        List<String> l = new ArrayList<>();
        runs.forEach(r -> r.health().forEach(h -> {
            if (!l.contains(h.layer())) {
                l.add(h.layer());
            }
        }));
        return l;
    }

    /** Mean over runs of a health value of one layer at one epoch (NaN when no run has it). */
    double healthMean(String layer, int epoch, ToDoubleFunction<RunSummary.LayerHealth> value) {
        List<Double> v = new ArrayList<>();
        runs.forEach(r -> r.health().stream().filter(h -> h.epoch() == epoch && h.layer().equals(layer))
                .forEach(h -> v.add(value.applyAsDouble(h))));
        return Stat.of(v).mean();
    }

    /** Mean over runs of a health value of one layer at each run's own last epoch. */
    double finalHealthMean(String layer, ToDoubleFunction<RunSummary.LayerHealth> value) {
        List<Double> v = new ArrayList<>();
        runs.forEach(r -> r.health().stream().filter(h -> h.epoch() == r.lastHealthEpoch() && h.layer().equals(layer))
                .forEach(h -> v.add(value.applyAsDouble(h))));
        return Stat.of(v).mean();
    }

    /** Mean, sample standard deviation (NaN below two values) and count of the finite values. */
    record Stat(double mean, double sd, int n) {
        static Stat of(List<Double> values) {
            double sum = 0;
            int n = 0;
            for (double x : values) {
                if (Double.isFinite(x)) {
                    sum += x;
                    n++;
                }
            }
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = sum / n;
            if (n < 2) {
                return new Stat(mean, Double.NaN, n);
            }
            double ss = 0;
            for (double x : values) {
                if (Double.isFinite(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            return new Stat(mean, Math.sqrt(ss / (n - 1)), n);
        }
    }
}
