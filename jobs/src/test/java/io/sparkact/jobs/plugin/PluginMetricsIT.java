package io.sparkact.jobs.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkact.jobs.cluster.StandaloneCluster;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code spark.plugins=io.sparkact.plugin.SparkActPlugin} on {@code local-cluster[2,1,1024]}: two executor JVMs of one
 * core each, launched by in-process workers from {@code jobs/target/spark-jars} (SPARK_HOME = a directory whose
 * {@code jars} links there), the shaded jar on the executors' class path ({@code spark.executor.extraClassPath}). The driver ({@link PluginMetricsApp}, a
 * child JVM) trains, then fetches its UI's {@code /metrics/json} and {@code /metrics/prometheus}; this test reads
 * what it fetched. The plugin is configured by {@code conf/sparkact-plugin.properties}, the documented snippet.
 *
 * <p>Golden values, from the data's construction rather than from the trainer: {@link #ROWS} examples in whole
 * minibatches of {@link #BATCH} (so the workers' re-batching keeps them whole), {@link #EPOCHS} epochs without early
 * stopping → examples = ROWS × EPOCHS = 4,000 and minibatches = ROWS / BATCH × EPOCHS = 40. ND4J threads: each
 * executor has 1 core (the machine has 2, ND4J's default), so the plugin must have set 1. Two hidden layers: dead
 * fractions of layers 0 and 1 are in [0, 1], layer 2's gauge is NaN (no such layer).
 */
class PluginMetricsIT {

    static final Path TARGET = StandaloneCluster.ROOT.resolve("jobs/target");
    static final int ROWS = 2000;
    static final int BATCH = 100;
    static final int EPOCHS = 2;
    static final String PREFIX = PluginMetricsApp.NAMESPACE + ".driver.plugin.io.sparkact.plugin.SparkActPlugin.";

    @Test
    void driverMetricsShowTheClusterTraining() throws Exception {
        Path dir = Files.createTempDirectory(TARGET, "plugin-it-");
        try {
            Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
            Files.createSymbolicLink(sparkHome.resolve("jars"), StandaloneCluster.sparkJarsDir());
            Path out = Files.createDirectories(dir.resolve("out"));
            int code = runDriver(dir, sparkHome, out);
            String log = Files.readString(dir.resolve("driver.err"));
            assertEquals(0, code, "driver failed; its stderr:\n" + tail(log));

            JsonNode gauges = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("gauges");
            gauges.fieldNames().forEachRemaining(n -> {
                if (n.startsWith(PREFIX)) {
                    System.out.println(n.substring(PREFIX.length()) + " = " + gauges.get(n).get("value"));
                }
            });
            System.out.println("driver JVM: context + training + metrics " + Files.readString(out.resolve("seconds")) + " s");
            assertEquals((long) ROWS * EPOCHS, gauges.get(PREFIX + "training.examples").get("value").asLong());
            assertEquals((long) ROWS / BATCH * EPOCHS, gauges.get(PREFIX + "training.minibatches").get("value").asLong());
            assertEquals(2, gauges.get(PREFIX + "executors.reporting").get("value").asInt());
            assertEquals(1, gauges.get(PREFIX + "nd4j.threads").get("value").asInt());
            double score = gauges.get(PREFIX + "training.lastScore").get("value").asDouble();
            // binary cross-entropy of one minibatch of a learnable, roughly balanced problem: below ln 2 ≈ 0.69
            // plus slack for a bad minibatch, and certainly positive
            assertTrue(score > 0 && score < 1.0, "last score " + score);
            for (int layer = 0; layer < 2; layer++) {
                double dead = gauges.get(PREFIX + "health.layer" + layer + ".deadFraction").get("value").asDouble();
                assertTrue(dead >= 0 && dead <= 1, "layer " + layer + " dead fraction " + dead);
            }
            // Jackson writes NaN as the string "NaN"
            assertEquals("NaN", gauges.get(PREFIX + "health.layer2.deadFraction").get("value").asText());

            String prom = Files.readString(out.resolve("metrics.prom"));
            String promPrefix = "metrics_" + PREFIX.replaceAll("[^a-zA-Z0-9]", "_");
            assertTrue(prom.contains(promPrefix + "training_examples_Value{type=\"gauges\"} " + ROWS * EPOCHS),
                    "prometheus text lacks the example count:\n" + prom);
            assertTrue(prom.contains(promPrefix + "nd4j_threads_Value{type=\"gauges\"} 1"), prom);
        } finally {
            deleteTree(dir);
        }
    }

    /** Runs {@link PluginMetricsApp} with this JVM's options (JDK 17 opens, JavaCPP cache) and a 1 GB heap. */
    private static int runDriver(Path dir, Path sparkHome, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), PluginMetricsApp.class.getName(),
                out.toString(), "local-cluster[2,1,1024]", TARGET.resolve("sparkact-jobs.jar").toString(),
                String.valueOf(ROWS), String.valueOf(BATCH), String.valueOf(EPOCHS),
                StandaloneCluster.ROOT.resolve("conf/sparkact-plugin.properties").toString(),
                String.valueOf(ProcessHandle.current().pid())));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("driver.out").toFile()).redirectError(dir.resolve("driver.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        Thread hook = new Thread(() -> stopTree(p), "plugin-it-driver-stop");
        Runtime.getRuntime().addShutdownHook(hook); // the build is interrupted: stop the driver and its executors
        try {
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                throw new IllegalStateException("driver still running after 240 s; stderr:\n"
                        + tail(Files.readString(dir.resolve("driver.err"))));
            }
            return p.exitValue();
        } finally {
            stopTree(p);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    /** The executors are children of the driver's in-process workers: stop every descendant, then the driver. */
    private static void stopTree(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p); // a symbolic link is deleted, not followed
            }
        }
    }
}
