package io.sparkact.jobs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real launcher: {@code bin/sparkact} starts Spark's SparkSubmit on the Spark jars
 * the build copied (SPARK_HOME unset) with the shaded application jar, as a user's first command does.
 * Runs in the integration-test phase, after the jar is packaged.
 */
class LauncherIT {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    /** Exit code, stdout and stderr of one launcher run. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Run sparkact(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/sparkact").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("SPARK_HOME");
        File out = dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/sparkact " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void tablePrintsCleanCsvOnStdout(@TempDir Path dir) throws Exception {
        Run r = sparkact(dir, "activations", "table", "--name", "lrelu6(alpha=0.02)",
                "--x", "-8,-3,-0.5,0,0.5,3,6,8", "--mode", "eval", "--master", "local[2]");
        assertEquals(0, r.code(), r.toString());
        // by hand: 0.02x for x <= 0 (f'(0) = alpha), x on (0, 6), 6 from 6 on (f'(6) = alpha_high = 0)
        assertEquals(String.join("\n", "x,f,df",
                "-8.0,-0.16,0.02", "-3.0,-0.06,0.02", "-0.5,-0.01,0.02", "0.0,0.0,0.02",
                "0.5,0.5,1.0", "3.0,3.0,1.0", "6.0,6.0,0.0", "8.0,6.0,0.0") + "\n", r.out());
    }

    @Test
    void badSpecExitsTwoNamingTheParameter(@TempDir Path dir) throws Exception {
        Run r = sparkact(dir, "activations", "table", "--name", "rrelu(lower=0.5,upper=0.25)");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("rrelu parameter lower given invalid value 0.5"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void launcherOwnOptionsAreCheckedToo(@TempDir Path dir) throws Exception {
        Run r = sparkact(dir, "activations", "list", "--conf", "spark.ui.enabled");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("option --conf given invalid value 'spark.ui.enabled'; allowed: spark.key=value"),
                r.err());
    }

    @Test
    void quickstartComparesActivationsAndPlotRuns(@TempDir Path dir) throws Exception {
        // a small quickstart: the real one trains 7 activations on 200k rows (about 10 minutes on 2 cores)
        Run q = sparkact(dir, "quickstart", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--set", "rows=4000", "--set", "activations=relu,dice", "--set", "training.epochs=1",
                "--set", "model.hidden=8", "--set", "output=qs");
        assertEquals(0, q.code(), q.toString());
        assertTrue(q.out().matches("(?s).*\\nrelu +0\\.\\d{4} +0\\.\\d{4} .*"), q.out());
        assertTrue(q.out().matches("(?s).*\\ndice\\(epsilon=1.0E-9,momentum=0.99\\) +0\\.\\d{4} .*"), q.out());
        List<String> summary = Files.readAllLines(dir.resolve("qs/summary.csv"));
        assertEquals(3, summary.size(), summary.toString());
        assertTrue(summary.get(1).startsWith("\"relu\",") && summary.get(1).endsWith(",ok"), summary.toString());
        assertTrue(Files.exists(dir.resolve("qs/runs/relu/_SUCCESS")));
        assertTrue(Files.exists(dir.resolve("qs/data/oracle.json")));
        assertTrue(q.out().contains("\nreport: qs/report.html\n"), q.out());
        String report = Files.readString(dir.resolve("qs/report.html"));
        for (String id : new String[] {"chart-curves", "chart-auc", "chart-val-auc", "chart-dead-h0", "chart-grad-norm"}) {
            assertTrue(report.contains(" id=\"" + id + "\""), id);
        }
        assertTrue(report.contains("<th scope=\"row\">dice(epsilon=1.0E-9,momentum=0.99)</th>"), "dice in the tables");
        Run p = sparkact(dir, "activations", "plot", "--names", "relu,hswish,dice", "--out", "plots/a.svg");
        assertEquals(0, p.code(), p.toString());
        String svg = Files.readString(dir.resolve("plots/a.svg"));
        assertEquals(6, svg.split("<polyline", -1).length - 1, svg);
    }
}
