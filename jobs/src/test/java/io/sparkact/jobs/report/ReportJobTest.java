package io.sparkact.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkact report} end to end in-process: output, determinism, exit codes and messages. */
class ReportJobTest {

    @TempDir
    Path dir;

    @Test
    void writesADeterministicSelfContainedPage() throws Exception {
        MetricsFixtures.trainOutput(dir.resolve("runs/relu-1"), "relu", 3, 0);
        MetricsFixtures.trainOutput(dir.resolve("runs/relu-2"), "relu", 3, 2);
        MetricsFixtures.trainOutput(dir.resolve("runs/sigmoid"), "sigmoid", 3, 1);
        String inputs = dir.resolve("runs/*").toString();
        CliRunner.Result r = CliRunner.run("report", "--set", "report.inputs=" + inputs, "--set",
                "output=" + dir.resolve("out"));
        assertEquals(0, r.code, r.toString());
        Path page = dir.resolve("out/report.html");
        assertEquals("report: " + page + " (3 runs)\n", r.out);
        String html = Files.readString(page);
        for (String id : new String[] {"chart-curves", "chart-auc", "chart-logloss", "chart-dead", "chart-saturated",
                "chart-speed", "chart-val-auc", "chart-dead-h0", "chart-dead-h2", "chart-grad-norm"}) {
            assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\""), id);
        }
        // two relu runs: AUC 0.74 and 0.748 → mean 0.744, sample sd = |a − b| / √2 = 0.008/√2 = 0.005657…
        assertTrue(html.contains("<td>0.7440 ± 0.0057</td>"), "relu AUC mean ± sd in the summary table");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no links to fetch");
        assertFalse(html.contains("<script"), "no scripts");
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"));

        Path second = dir.resolve("again.html");
        assertEquals(0, CliRunner.run("report", "--set", "report.inputs=" + inputs, "--set", "output=" + second).code);
        assertEquals(html, Files.readString(second), "same inputs, same bytes");
    }

    @Test
    void missingInputIsExit2NamingIt() {
        String missing = dir.resolve("missing").toString();
        CliRunner.Result r = CliRunner.run("report", "--set", "report.inputs=" + missing, "--set", "output="
                + dir.resolve("r.html"));
        assertEquals(2, r.code, r.toString());
        assertEquals("sparkact report: config key report.inputs given invalid value '" + missing
                + "': no such file or directory\nRun 'sparkact report --help' for usage.\n", r.err);
    }

    @Test
    void corruptMetricsIsExit1NamingTheFile() throws Exception {
        Path run = MetricsFixtures.trainOutput(dir.resolve("run"), "relu", 1, 0);
        Files.writeString(run.resolve("metrics.json"), "{\"activation\":");
        CliRunner.Result r = CliRunner.run("report", "--set", "report.inputs=" + run, "--set", "output="
                + dir.resolve("r.html"));
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.startsWith("sparkact report failed: java.io.IOException: file:" + run.resolve("metrics.json")
                + " is not valid JSON: "), r.err);
        assertFalse(Files.exists(dir.resolve("r.html")), "nothing written");
    }

    @Test
    void requiredKeysAreUsageErrors() {
        CliRunner.Result r = CliRunner.run("report", "--set", "output=x.html");
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("report.inputs"), r.err);
    }
}
