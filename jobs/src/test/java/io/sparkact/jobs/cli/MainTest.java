package io.sparkact.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void noArgumentsIsUsageErrorWithTheJobList() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.out.contains("activations") && r.out.contains("quickstart"), r.toString());
    }

    @Test
    void helpExitsZero() {
        assertEquals(Main.OK, CliRunner.run("--help").code);
        CliRunner.Result r = CliRunner.run("activations", "--help");
        assertEquals(Main.OK, r.code);
        assertTrue(r.out.contains("sparkact activations table --name SPEC"), r.toString());
    }

    @Test
    void unknownJobListsTheValidOnes() {
        CliRunner.Result r = CliRunner.run("trian");
        assertEquals(Main.USAGE, r.code);
        assertEquals("sparkact: unknown job 'trian'; valid jobs: quickstart, generate, train, sweep, retrain, score, report, activations\n", r.err);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("activations", "table", "--nmae", "relu");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.startsWith("sparkact activations: unknown option --nmae; valid options: "), r.err);
    }
}
