package io.sparkact.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which trials of one sweep the report pools. The report pools the runs of an activation (mean ± sd), but a
 * sweep's trials of one activation differ in learning rate, l2, …: pooling them would mix good and bad settings
 * and make the error bars measure the search space instead of seed noise. So, per activation, only the trials
 * of its best setting are kept — the setting (config without the seed) with the highest mean validation AUC over
 * its finished seeds, the rule of the sweep's summary.csv — and the page says how many were left out. Failed
 * trials are skipped and listed.
 */
final class SweepSelection {

    private SweepSelection() {
    }

    /** The pooled runs in file order, and the page's notes about what was skipped or left out. */
    record Selected(List<RunSummary> runs, List<String> notes) {
    }

    static Selected select(String sweep, List<TrialJson.Trial> trials) {
        List<String> notes = new ArrayList<>();
        // activation → setting → its finished trials, in file order
        Map<String, Map<String, List<TrialJson.Trial>>> by = new LinkedHashMap<>();
        int finished = 0;
        for (TrialJson.Trial t : trials) {
            if (!t.ok()) {
                notes.add("Skipped failed trial " + t.id() + " (" + t.activation() + "): " + t.error());
                continue;
            }
            finished++;
            by.computeIfAbsent(t.activation(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(t.setting(), s -> new ArrayList<>()).add(t);
        }
        List<String> best = new ArrayList<>();
        for (Map<String, List<TrialJson.Trial>> settings : by.values()) {
            best.add(bestSetting(settings));
        }
        List<RunSummary> runs = new ArrayList<>();
        for (TrialJson.Trial t : trials) {
            if (t.ok() && best.contains(t.setting())) {
                runs.add(t.run());
            }
        }
        int leftOut = finished - runs.size();
        if (leftOut > 0) {
            notes.add(0, String.format(Locale.ROOT, "%s: per activation only the trials of its best setting (highest "
                    + "mean validation AUC over seeds, as in summary.csv) are pooled; %d of %d finished trials of "
                    + "other settings are left out.", sweep, leftOut, finished));
        }
        return new Selected(List.copyOf(runs), List.copyOf(notes));
    }

    /** The setting with the highest mean AUC; one without any finite AUC ranks last; ties keep the first. */
    private static String bestSetting(Map<String, List<TrialJson.Trial>> settings) {
        String best = null;
        double bestMean = Double.NaN;
        for (Map.Entry<String, List<TrialJson.Trial>> e : settings.entrySet()) {
            double mean = ActivationGroup.Stat.of(e.getValue().stream().map(t -> t.run().auc()).toList()).mean();
            if (best == null || Double.isNaN(bestMean) && !Double.isNaN(mean) || mean > bestMean) {
                best = e.getKey();
                bestMean = mean;
            }
        }
        return best;
    }
}
