package io.sparkact.jobs.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** retrain's and score's usage errors: exit 2 and a message naming key, value and rule, before Spark starts. */
class RetrainUsageTest {

    @TempDir
    Path dir;

    private static String firstLine(CliRunner.Result r) {
        return r.err.lines().findFirst().orElse("");
    }

    @Test
    void retrainNeedsItsInputsUnlessRollingBack() {
        CliRunner.Result r = CliRunner.run("retrain", "--set", "registry.root=" + dir);
        assertEquals(2, r.code, r.toString());
        assertEquals("sparkact retrain: config key input.train is required: the new window of training data: file, "
                + "directory or glob, e.g. data/day=2026-11-2[0-2] (required unless --rollback); give it in the "
                + "--config file or with --set input.train=...", firstLine(r));
    }

    @Test
    void calibrationRangeMustBeTwoNumbersAroundOne() {
        CliRunner.Result one = CliRunner.run("retrain", "--set", "registry.root=" + dir, "--set", "input.train=t",
                "--set", "input.valid=v", "--set", "gate.calibration_range=0.9");
        assertEquals(2, one.code, one.toString());
        assertEquals("sparkact retrain: config key gate.calibration_range given invalid value [0.9]; allowed: two "
                + "numbers [low, high] with 0 < low <= 1 <= high, e.g. [0.9, 1.1]", firstLine(one));
        CliRunner.Result above = CliRunner.run("retrain", "--set", "registry.root=" + dir, "--set", "input.train=t",
                "--set", "input.valid=v", "--set", "gate.calibration_range=1.2,1.5");
        assertEquals(2, above.code, above.toString());
        assertEquals("sparkact retrain: config key gate.calibration_range given invalid value [1.2, 1.5]; allowed: "
                + "[low, high] with 0 < low <= 1 <= high", firstLine(above));
    }

    @Test
    void rollbackNeedsAVersionNumberThatExists() {
        CliRunner.Result word = CliRunner.run("retrain", "--rollback", "last", "--set", "registry.root=" + dir);
        assertEquals(2, word.code, word.toString());
        assertEquals("sparkact retrain: option --rollback given invalid value 'last'; allowed: an integer from 1 to "
                + "999999999", firstLine(word));
        CliRunner.Result missing = CliRunner.run("retrain", "--rollback", "3", "--set", "registry.root=" + dir);
        assertEquals(2, missing.code, missing.toString());
        assertEquals("sparkact retrain: registry " + dir + "/ctr has no version 3; complete versions: []",
                firstLine(missing));
    }

    @Test
    void scoreRejectsMalformedRegistryReferences() {
        CliRunner.Result r = CliRunner.run("score", "--set", "model=registry:ctr@latest", "--set", "input.path=x",
                "--set", "output=" + dir.resolve("o"));
        assertEquals(2, r.code, r.toString());
        assertEquals("sparkact score: config key model given invalid value 'registry:ctr@latest'; allowed: a train "
                + "output or model directory, registry:NAME@champion or registry:NAME@N", firstLine(r));
        CliRunner.Result noRoot = CliRunner.run("score", "--set", "model=registry:ctr@champion", "--set", "input.path=x",
                "--set", "output=" + dir.resolve("o"));
        assertEquals(2, noRoot.code, noRoot.toString());
        assertEquals("sparkact score: config key model is 'registry:ctr@champion', a registry reference: give "
                + "registry.root (--set registry.root=...)", firstLine(noRoot));
    }

    @Test
    void helpListsTheGateKeysWithTheirDefaults() {
        CliRunner.Result r = CliRunner.run("retrain", "--help");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("usage: sparkact retrain [--config FILE]"), r.out);
        for (String key : new String[] {"registry.root", "registry.keep", "gate.auc_tolerance",
                "gate.logloss_tolerance", "gate.calibration_range"}) {
            assertTrue(r.out.contains("  " + key + " "), key + " missing from\n" + r.out);
        }
    }
}
