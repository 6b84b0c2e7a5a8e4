package io.sparkact.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trials.csv, summary.csv and best.conf from trial records made up here, with numbers exact in binary so the
 * expected lines are worked out by hand (each in a comment). No Spark.
 */
class SweepResultsTest {

    private static Map<String, Object> ok(Trial t, double auc, double logloss, double dead, double saturated,
                                          double examplesPerSec) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("auc", auc);
        metrics.put("logloss", logloss);
        metrics.put("examples_per_sec", examplesPerSec);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("dead_fraction", dead);
        health.put("saturated_fraction", saturated);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("metrics", metrics);
        result.put("health", List.of());
        result.put("health_summary", health);
        return TrialStore.finished(t, "trial-parallel", result, 1.5);
    }

    @Test
    void summaryDescribesEachActivationsBestSettingOverItsSeeds(@TempDir Path dir) throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("output", dir.toString());
        sets.put("input.train", "t");
        sets.put("input.valid", "v");
        sets.put("sweep.activations", "relu,hswish");
        sets.put("sweep.learning_rate", "0.001,0.01");
        sets.put("sweep.seeds", "1,2");
        List<Trial> plan = SweepPlan.of(JobConfig.load(SweepJob.SCHEMA, null, sets)).trials();
        // plan order: relu 0.001 s1, s2; relu 0.01 s1, s2; hswish 0.001 s1, s2; hswish 0.01 s1, s2
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        records.put(plan.get(0).id(), ok(plan.get(0), 0.5, 0.5, 0, 0, 100));
        records.put(plan.get(1).id(), ok(plan.get(1), 0.75, 0.5, 0, 0, 100));
        records.put(plan.get(2).id(), ok(plan.get(2), 0.75, 0.25, 0.5, 0.125, 1000));
        records.put(plan.get(3).id(), ok(plan.get(3), 0.75, 0.5, 0.25, 0.125, 3000));
        records.put(plan.get(4).id(), ok(plan.get(4), 0.875, 0.25, 0, 0.5, 500));
        records.put(plan.get(5).id(), TrialStore.failed(plan.get(5), "trial-parallel", "java.io.IOException: boom", 0.5));
        records.put(plan.get(6).id(), ok(plan.get(6), 0.5, 0.5, 0, 0, 100));
        records.put(plan.get(7).id(), ok(plan.get(7), 0.5, 0.5, 0, 0, 100));

        Trial best = SweepResults.write(dir.toString(), plan, records);

        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        // relu: lr 0.001 has mean AUC 0.625, lr 0.01 has 0.75 → best setting lr 0.01, two seeds: AUC 0.75 ± 0;
        // logloss mean of {0.25, 0.5} = 0.375, sample std sqrt(2 × 0.125² / 1) = sqrt(0.03125); dead mean 0.375,
        // saturated 0.125, examples/s 2000.
        assertEquals("relu,4,0,learning_rate=0.01,2,0.75,0.0,0.375," + Math.sqrt(0.03125) + ",0.375,0.125,2000.0",
                summary.get(1));
        // hswish: lr 0.001 has one finished seed (AUC 0.875) and one failure, lr 0.01 mean 0.5 → lr 0.001; one seed
        // gives no standard deviation (empty cells).
        assertEquals("hswish,4,1,learning_rate=0.001,1,0.875,,0.25,,0.0,0.5,500.0", summary.get(2));
        assertEquals(3, summary.size());

        assertEquals(plan.get(4), best); // hswish's best setting has the higher mean AUC (0.875 > 0.75)
        String conf = Files.readString(dir.resolve("best.conf"));
        assertTrue(conf.startsWith("# best trial of the sweep in " + dir + ": " + best.id()
                + " (hswish learning_rate=0.001 seed=1), validation AUC 0.875;"), conf);
        assertTrue(conf.contains("\nmodel.activation = \"hswish\"\n"), conf);
        assertTrue(conf.contains("\ntraining.learning_rate = 0.001\n"), conf);
        assertTrue(conf.contains("\ntraining.seed = 1\n"), conf);

        List<String> trials = Files.readAllLines(dir.resolve("trials.csv"));
        assertEquals(9, trials.size());
        assertEquals(plan.get(5).id() + ",failed,hswish,0.001,4.0E-4,0.0,256,16,2,3,,,,,,,,0.5,java.io.IOException: boom",
                trials.get(6));
    }
}
