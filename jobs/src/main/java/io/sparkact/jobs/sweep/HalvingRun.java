package io.sparkact.jobs.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Successive halving (Jamieson and Talwalkar, AISTATS 2016; Li et al., "Hyperband", JMLR 2018): every
 * configuration trains {@code min_epochs} (rung 1); the best ceil(n / eta) configurations by mean validation
 * AUC over their seeds continue to the next rung's epochs, and so on up to {@code max_epochs}. A continuing
 * trial resumes from its previous rung's checkpoint ({@code OUTPUT/checkpoints/TRIAL_ID.zip}, the model with
 * its Adam state) and trains only the new epochs; a configuration with a failed seed does not continue.
 *
 * <p>A rung-k trial is the train config with {@code training.epochs} = that rung's epochs, so its id is the
 * id of that config: its result is what training that many epochs from scratch gives (same seed, same
 * per-epoch minibatch order, updater state carried over). Resume works rung by rung: finished trials are
 * skipped, and their checkpoints (written before the trial file) are there for the next rung.
 */
final class HalvingRun {

    private final SweepPlan plan;
    private final int eta;
    private final String output;
    private final PrintStream out;
    private final SweepRun runner;

    HalvingRun(SweepPlan plan, int eta, String output, PrintStream out, SweepRun runner) {
        this.plan = plan;
        this.eta = eta;
        this.output = output;
        this.out = out;
        this.runner = runner;
    }

    /** Runs every rung; returns all trials of all rungs, in order. */
    List<Trial> run() throws Exception {
        List<Integer> rungs = plan.rungs();
        int seeds = Math.max(1, plan.trials().size() / Math.max(1, plan.settings().size()));
        int total = 0;
        for (int k = 0, n = plan.settings().size(); k < rungs.size(); k++, n = survivors(n)) {
            total += n * seeds;
        }
        out.printf("sweep: halving over %d configurations x %d seeds, rungs of %s epochs, eta %d: up to %d trials%n",
                plan.settings().size(), seeds, rungs, eta, total);
        Progress progress = new Progress(out, total);
        List<Trial> all = new ArrayList<>();
        List<Map<String, Object>> current = plan.settings();
        Map<String, Trial> previous = Map.of();
        int previousEpochs = 0;
        for (int k = 0; k < rungs.size(); k++) {
            int epochs = rungs.get(k);
            boolean last = k == rungs.size() - 1;
            List<Trial> trials = plan.trials(current, epochs);
            all.addAll(trials);
            Map<String, Trial> from = previous;
            int done = previousEpochs;
            Function<Trial, TrialTask.Checkpoints> checkpoints = t -> new TrialTask.Checkpoints(
                    from.containsKey(key(t)) ? checkpoint(from.get(key(t))) : null,
                    from.containsKey(key(t)) ? done : 0, last ? null : checkpoint(t));
            Map<String, Map<String, Object>> records = runner.runPending(String.format("rung %d/%d (%d epochs): %d "
                    + "trials", k + 1, rungs.size(), epochs, trials.size()), trials, checkpoints, progress);
            if (last) {
                break;
            }
            current = promote(trials, records, survivors(current.size()));
            Map<String, Trial> byKey = new HashMap<>();
            trials.forEach(t -> byKey.put(key(t), t));
            previous = byKey;
            previousEpochs = epochs;
        }
        return all;
    }

    private int survivors(int n) {
        return Math.max(1, (n + eta - 1) / eta);
    }

    /** The {@code keep} settings with the highest mean AUC over their seeds, among those whose seeds all finished. */
    private static List<Map<String, Object>> promote(List<Trial> trials, Map<String, Map<String, Object>> records,
                                                     int keep) {
        Map<Map<String, Object>, List<Double>> aucs = new LinkedHashMap<>();
        Map<Map<String, Object>, Boolean> complete = new HashMap<>();
        for (Trial t : trials) {
            Map<String, Object> setting = setting(t);
            Double auc = records.containsKey(t.id()) ? SweepResults.auc(records.get(t.id())) : null;
            aucs.computeIfAbsent(setting, s -> new ArrayList<>());
            complete.merge(setting, auc != null, Boolean::logicalAnd);
            if (auc != null) {
                aucs.get(setting).add(auc);
            }
        }
        return aucs.entrySet().stream().filter(e -> complete.get(e.getKey()))
                .sorted(Comparator.comparingDouble((Map.Entry<Map<String, Object>, List<Double>> e) ->
                        -e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0)))
                .limit(keep).map(Map.Entry::getKey).toList();
    }

    /** A trial's configuration without seed and epochs: the unit halving ranks and promotes. */
    private static Map<String, Object> setting(Trial t) {
        Map<String, Object> s = new LinkedHashMap<>(t.params());
        s.remove("training.seed");
        s.remove("training.epochs");
        return s;
    }

    /** Setting and seed: which trial of the previous rung a trial continues. */
    private static String key(Trial t) {
        return setting(t) + " seed=" + t.params().get("training.seed");
    }

    private String checkpoint(Trial t) {
        return output + "/checkpoints/" + t.id() + ".zip";
    }
}
