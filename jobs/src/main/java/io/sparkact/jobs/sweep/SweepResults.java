package io.sparkact.jobs.sweep;

import io.sparkact.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's tables, computed from the trial files of the planned trials:
 * <ul>
 *   <li>{@code trials.csv}: one row per planned trial that has a file, in plan order ({@link #TRIAL_COLUMNS});
 *   <li>{@code summary.csv}: one row per activation spec, in plan order ({@link #SUMMARY_COLUMNS}). A
 *       "setting" is a trial's config without its seed; the activation's row describes its best setting —
 *       the highest mean validation AUC over its finished seeds — with AUC and logloss mean and sample
 *       standard deviation (n − 1; empty for one seed) over those seeds, and the means of the dead and
 *       saturated fractions (each trial's mean over its hidden layers) and of examples/s. {@code trials} and
 *       {@code failed} count every trial of the activation;
 *   <li>{@code best.conf}: the train config of the best activation's best setting, with the seed of its best
 *       trial; {@code sparkact train --config OUTPUT/best.conf} trains it into {@code OUTPUT/best}.
 * </ul>
 */
final class SweepResults {

    static final List<String> TRIAL_COLUMNS = List.of("trial_id", "status", "activation", "learning_rate", "l2",
            "dropout", "batch_size", "embedding_dim", "seed", "epochs", "auc", "logloss", "calibration",
            "examples_per_sec", "train_seconds", "dead_fraction", "saturated_fraction", "seconds", "error");
    static final List<String> SUMMARY_COLUMNS = List.of("activation", "trials", "failed", "best_setting", "seeds",
            "auc_mean", "auc_std", "logloss_mean", "logloss_std", "dead_fraction", "saturated_fraction",
            "examples_per_sec");
    private static final List<String> CONFIG_COLUMNS = List.of("training.learning_rate", "training.l2",
            "model.dropout", "training.batch_size", "model.embedding_dim", "training.seed", "training.epochs");

    /** One activation's summary row and the trial best.conf would take from it. */
    record Row(List<Object> values, double aucMean, Trial bestTrial) {
    }

    private SweepResults() {
    }

    /** Writes the three files; returns the best trial, or null when no trial finished. */
    static Trial write(String output, List<Trial> plan, Map<String, Map<String, Object>> records) throws IOException {
        StringBuilder trials = new StringBuilder(Csv.line(TRIAL_COLUMNS));
        for (Trial t : plan) {
            if (records.containsKey(t.id())) {
                trials.append(Csv.line(trialRow(t, records.get(t.id()))));
            }
        }
        StringBuilder summary = new StringBuilder(Csv.line(SUMMARY_COLUMNS));
        Row best = null;
        for (Row r : summarise(plan, records)) {
            summary.append(Csv.line(r.values()));
            if (r.bestTrial() != null && (best == null || r.aucMean() > best.aucMean())) {
                best = r;
            }
        }
        AtomicFiles.writeAtomically(output + "/trials.csv", trials.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeAtomically(output + "/summary.csv", summary.toString().getBytes(StandardCharsets.UTF_8));
        if (best == null) {
            return null;
        }
        Trial b = best.bestTrial();
        String conf = String.format(Locale.ROOT, "# best trial of the sweep in %s: %s (%s), validation AUC %s;%n"
                        + "# mean AUC over the seeds of this setting %.6f. Train it: sparkact train --config best.conf%n",
                output, b.id(), b.label(), auc(records.get(b.id())), best.aucMean());
        AtomicFiles.writeAtomically(output + "/best.conf", (conf + b.config().render()).getBytes(StandardCharsets.UTF_8));
        return b;
    }

    private static List<Object> trialRow(Trial t, Map<String, Object> rec) {
        Map<String, Object> m = TrialMetrics.map(rec, "metrics");
        Map<String, Object> h = TrialMetrics.map(rec, "health_summary");
        List<Object> row = new ArrayList<>(List.of(t.id(), rec.get("status"), t.activation()));
        CONFIG_COLUMNS.forEach(k -> row.add(t.config().values().get(k)));
        row.addAll(Arrays.asList(m.get("auc"), m.get("logloss"), m.get("calibration"), m.get("examples_per_sec"),
                m.get("train_seconds"), h.get("dead_fraction"), h.get("saturated_fraction"), rec.get("seconds"),
                rec.get("error")));
        return row;
    }

    static List<Row> summarise(List<Trial> plan, Map<String, Map<String, Object>> records) {
        // activation → setting (config without the seed) → finished trials of that setting
        Map<String, Map<String, List<Trial>>> settings = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>(); // activation → {trials, failed}
        for (Trial t : plan) {
            Map<String, Object> rec = records.get(t.id());
            settings.computeIfAbsent(t.activation(), a -> new LinkedHashMap<>());
            int[] c = counts.computeIfAbsent(t.activation(), a -> new int[2]);
            if (rec == null) {
                continue;
            }
            c[0]++;
            if (!TrialStore.OK.equals(rec.get("status")) || auc(rec) == null) {
                c[1] += TrialStore.OK.equals(rec.get("status")) ? 0 : 1;
                continue;
            }
            settings.get(t.activation()).computeIfAbsent(setting(t), s -> new ArrayList<>()).add(t);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Trial>>> e : settings.entrySet()) {
            rows.add(row(e.getKey(), counts.get(e.getKey()), e.getValue(), records));
        }
        return rows;
    }

    private static Row row(String activation, int[] counts, Map<String, List<Trial>> settings,
                           Map<String, Map<String, Object>> records) {
        List<Trial> best = null;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (List<Trial> s : settings.values()) {
            double mean = mean(s, records, r -> auc(r));
            if (best == null || mean > bestMean) {
                best = s;
                bestMean = mean;
            }
        }
        if (best == null) {
            return new Row(Arrays.asList(activation, counts[0], counts[1], null, 0, null, null, null, null, null,
                    null, null), Double.NaN, null);
        }
        Trial top = best.get(0);
        for (Trial t : best) {
            if (auc(records.get(t.id())) > auc(records.get(top.id()))) {
                top = t;
            }
        }
        List<Trial> s = best;
        return new Row(Arrays.asList(activation, counts[0], counts[1], setting(top).substring(activation.length()).trim(),
                s.size(), bestMean, std(s, records, r -> auc(r)), mean(s, records, r -> metric(r, "metrics", "logloss")),
                std(s, records, r -> metric(r, "metrics", "logloss")),
                mean(s, records, r -> metric(r, "health_summary", "dead_fraction")),
                mean(s, records, r -> metric(r, "health_summary", "saturated_fraction")),
                mean(s, records, r -> metric(r, "metrics", "examples_per_sec"))), bestMean, top);
    }

    /** The trial's label without the seed: the swept values other than training.seed. */
    private static String setting(Trial t) {
        return t.label().replaceAll(" seed=\\S+", "");
    }

    static Double auc(Map<String, Object> rec) {
        return metric(rec, "metrics", "auc");
    }

    private static Double metric(Map<String, Object> rec, String group, String key) {
        Object v = TrialMetrics.map(rec, group).get(key);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static double mean(List<Trial> ts, Map<String, Map<String, Object>> records,
                               java.util.function.Function<Map<String, Object>, Double> f) {
        double sum = 0;
        int n = 0;
        for (Trial t : ts) {
            Double v = f.apply(records.get(t.id()));
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Sample standard deviation (n − 1); NaN (an empty cell) for fewer than two values. */
    private static double std(List<Trial> ts, Map<String, Map<String, Object>> records,
                              java.util.function.Function<Map<String, Object>, Double> f) {
        double m = mean(ts, records, f);
        double ss = 0;
        int n = 0;
        for (Trial t : ts) {
            Double v = f.apply(records.get(t.id()));
            if (v != null) {
                ss += (v - m) * (v - m);
                n++;
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
    }
}
