package io.sparkact.jobs.sweep;

import io.sparkact.health.HealthRecord;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.train.EpochRecord;
import io.sparkact.train.EvalMetrics;
import io.sparkact.train.TrainResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a sweep's {@code trials/} without training, through the sweep's own planner and writers (SweepPlan,
 * TrialMetrics, TrialStore), so readers of trial files (the report) are tested against the real format and
 * cannot drift from it. Public for tests of other packages.
 */
public final class SweepTrialFiles {

    private SweepTrialFiles() {
    }

    /**
     * Plans the sweep {@code sets} (sweep and train keys; {@code output} is set to {@code out}) and writes one
     * trial file per planned trial. {@code auc} maps a trial's params (model.activation, training.seed and the
     * swept train keys) to its validation AUC, or to null for a trial that failed. A finished trial has two
     * epochs (val_auc of epoch 2 = the AUC) and health records of hidden layers h0 and h1 for each epoch.
     *
     * @return each trial's params by id, in plan order
     */
    public static Map<String, Map<String, Object>> write(Path out, Map<String, String> sets, Function<Map<String, Object>, Double> auc)
            throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(sets);
        all.put("output", out.toString());
        List<Trial> trials = SweepPlan.of(JobConfig.load(SweepJob.SCHEMA, null, all)).trials();
        TrialStore store = new TrialStore(out + "/trials");
        Map<String, Map<String, Object>> ids = new java.util.LinkedHashMap<>();
        for (Trial t : trials) {
            Double a = auc.apply(t.params());
            Map<String, Object> rec = a == null
                    ? TrialStore.failed(t, "trial-parallel", "java.lang.IllegalStateException: diverged", 1.5)
                    : TrialStore.finished(t, "trial-parallel", TrialMetrics.of(result(t.activation(), a)), 2.5);
            store.write(t.id(), rec);
            ids.put(t.id(), t.params());
        }
        return ids;
    }

    private static TrainResult result(String activation, double auc) {
        List<EpochRecord> epochs = List.of(new EpochRecord(1, 0.5, auc - 0.01, 0.46, 1.0),
                new EpochRecord(2, 0.45, auc, 0.44, 1.0));
        List<HealthRecord> health = new ArrayList<>();
        for (int e = 1; e <= 2; e++) {
            for (int l = 0; l < 2; l++) {
                health.add(new HealthRecord(e, "h" + l, activation, 0.1 * (l + 1), 0.05, 0.3, 0.5, 0.6, 4.0, 2.0 + l));
            }
        }
        return new TrainResult(null, null, epochs, 2, new EvalMetrics(auc, 0.44, 1.0, 1000), 2000, 5000.0, 3.0,
                health);
    }
}
