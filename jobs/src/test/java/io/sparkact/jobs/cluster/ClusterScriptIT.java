package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/cluster} as a user runs it: start one worker, status, stop, status. An integration test although it
 * takes ~10 s, because it needs {@code jobs/target/spark-jars}, which only {@code package} creates (in the test
 * phase the script would start a nested Maven build).
 */
class ClusterScriptIT {

    static final Path STATE = StandaloneCluster.ROOT.resolve("jobs/target/it-clusters/cluster-script-it");

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run cluster(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(StandaloneCluster.ROOT.resolve("bin/cluster").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cluster-script", ".out");
        Path err = Files.createTempFile("cluster-script", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().remove("SPARK_HOME");
            Process p = pb.start();
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                StandaloneCluster.stop(p.toHandle());
                throw new AssertionError("bin/cluster " + String.join(" ", args) + " did not finish in 150 s");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void startStatusStopStatus() throws Exception {
        String dir = STATE.toString();
        Run start = cluster("start", "--workers", "1", "--cores", "1", "--memory", "1g", "--dir", dir);
        try {
            assertEquals(0, start.code(), start.toString());
            String url = Files.readString(STATE.resolve("master-url")).trim();
            assertTrue(url.matches("spark://127\\.0\\.0\\.1:\\d+"), url);
            assertTrue(start.out().contains("master: " + url + "\n"), start.out());
            assertTrue(start.out().matches("(?s).*web UI: http://127\\.0\\.0\\.1:\\d+\n.*"), start.out());

            Run running = cluster("status", "--dir", dir);
            assertEquals(0, running.code(), running.toString());
            assertTrue(running.out().contains("alive workers (master's /json/): 1\n"), running.out());
            assertTrue(running.out().contains("worker-1: PID "), running.out());
        } finally {
            Run stop = cluster("stop", "--dir", dir);
            assertEquals(0, stop.code(), stop.toString());
        }
        assertFalse(Files.exists(STATE.resolve("work")), "work dirs removed");
        Run stopped = cluster("status", "--dir", dir);
        assertEquals(3, stopped.code(), stopped.toString());
    }

    @Test
    void badOptionIsAUsageErrorNamingIt() throws Exception {
        Run r = cluster("start", "--workers", "0", "--dir", STATE.resolve("never").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("option --workers given invalid value '0'; allowed: integer >= 1"), r.err());
        assertFalse(Files.exists(STATE.resolve("never/pids")), "nothing started");
    }
}
