package io.sparkact.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for integration tests: a master and N workers, each a separate JVM
 * started by {@code bin/cluster start} (one recipe for users and tests: the JDK 17 options, SPARK_HOME = the state
 * directory whose {@code jars} links to {@code jobs/target/spark-jars}, ports picked by the OS at run time; STACK.md,
 * "A standalone cluster from the build's own jars"). Applications go through {@code bin/cluster submit}, which runs
 * {@code org.apache.spark.deploy.SparkSubmit} in client mode as a child JVM.
 *
 * <p>{@link #close()} stops every JVM the cluster started (by PID: {@code bin/cluster stop}, then
 * {@link ProcessHandle#destroy()} / {@link ProcessHandle#destroyForcibly()} for anything left), deletes the work
 * directories and the {@code /dev/shm/aeron-*} entries that appeared during its lifetime. Needs
 * {@code jobs/target/spark-jars}, i.e. runs after {@code package} (failsafe).
 */
public final class StandaloneCluster implements AutoCloseable {

    /** The repository root (the directory holding {@code bin/cluster}). */
    public static final Path ROOT = findRoot();

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path dir;
    private final String masterUrl;
    private final URI webUi;
    private final List<ProcessHandle> daemons;
    private final List<Process> submits = new ArrayList<>();
    private final AtomicInteger submitCount = new AtomicInteger();
    private final AeronFiles aeron;
    private final Thread shutdownHook = new Thread(this::closeQuietly, "standalone-cluster-stop");
    private boolean closed;

    private StandaloneCluster(Path dir, AeronFiles aeron) {
        this.dir = dir;
        this.aeron = aeron;
        this.masterUrl = read(dir.resolve("master-url"));
        this.webUi = URI.create(read(dir.resolve("webui-url")));
        this.daemons = recordedPids(dir).stream().map(pid -> ProcessHandle.of(pid).orElseThrow(
                () -> new IllegalStateException("recorded cluster PID " + pid + " is not running (logs: " + dir + "/logs)")))
                .collect(Collectors.toUnmodifiableList());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a master and {@code workers} workers ({@code cores} cores and {@code memory}, e.g. "1g", each) with
     * state, logs and work directories under {@code dir}, and returns once the master's {@code /json/} reports
     * that many ALIVE workers.
     *
     * @throws IllegalStateException if the cluster does not come up within {@code timeout} (message holds the
     *                               script's output, including the daemons' log tails)
     */
    public static StandaloneCluster start(Path dir, int workers, int cores, String memory, Duration timeout)
            throws IOException, InterruptedException {
        return start(dir, workers, cores, memory, timeout, Map.of(), List.of());
    }

    /**
     * {@link #start(Path, int, int, String, Duration)} with more {@code bin/cluster start} options (e.g.
     * {@code --auth}) and environment variables for the script and the daemons (e.g. the secret's
     * {@code SPARKACT_AUTH_SECRET_FILE}).
     */
    public static StandaloneCluster start(Path dir, int workers, int cores, String memory, Duration timeout,
            Map<String, String> env, List<String> moreOptions) throws IOException, InterruptedException {
        AeronFiles aeron = AeronFiles.snapshot();
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs);
        List<String> args = new ArrayList<>(List.of("start", "--workers", String.valueOf(workers),
                "--cores", String.valueOf(cores), "--memory", memory, "--dir", abs.toString(),
                "--timeout", String.valueOf(Math.max(1, timeout.toSeconds()))));
        args.addAll(moreOptions);
        ScriptRun run = script(abs, timeout.plusSeconds(30), env, args.toArray(String[]::new));
        if (run.code != 0) {
            throw new IllegalStateException("bin/cluster start failed (exit " + run.code + ")\n" + run);
        }
        StandaloneCluster cluster;
        try {
            cluster = new StandaloneCluster(abs, aeron);
        } catch (RuntimeException e) {
            script(abs, GRACE.multipliedBy(3), Map.of(), "stop", "--dir", abs.toString());  // a daemon died right after start
            throw e;
        }
        try {
            cluster.awaitAliveWorkers(workers, timeout);
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The master's web UI, e.g. {@code http://127.0.0.1:PORT}. */
    public URI webUiUrl() {
        return webUi;
    }

    /** Spark's runtime jars the build copied (the cluster's {@code SPARK_HOME/jars}). */
    public static Path sparkJarsDir() {
        return ROOT.resolve("jobs/target/spark-jars");
    }

    /** The state directory: SPARK_HOME, {@code logs/}, {@code work/} (worker work dirs), {@code pids/}. */
    public Path stateDir() {
        return dir;
    }

    /** The worker work directories' parent; gone after {@link #close()}. */
    public Path workDir() {
        return dir.resolve("work");
    }

    /** The master and worker JVMs, in the order {@code bin/cluster} recorded them. */
    public List<ProcessHandle> daemons() {
        return daemons;
    }

    /**
     * Every live JVM that belongs to this cluster: the daemons and the executors the workers launched (their
     * command line names this cluster's SPARK_HOME). Empty after {@link #close()}.
     */
    public List<ProcessHandle> liveProcesses() {
        String marker = dir.toString() + "/";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .collect(Collectors.toList());
    }

    /** The number of ALIVE workers the master's {@code /json/} reports. */
    public int aliveWorkers() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(webUi.resolve("/json/")).timeout(Duration.ofSeconds(5)).build();
        String json = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ALIVE_WORKERS.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("the master's " + webUi + "/json/ has no aliveworkers field: " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    private void awaitAliveWorkers(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int alive = -1;
        String lastError = "";
        while (System.nanoTime() < deadline) {
            try {
                alive = aliveWorkers();
                if (alive >= expected) {
                    return;
                }
            } catch (IOException e) {
                lastError = " (last error: " + e + ")";
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("only " + alive + " of " + expected + " workers ALIVE at " + webUi
                + " after " + timeout + lastError + "; logs in " + dir.resolve("logs"));
    }

    /** What one SparkSubmit run printed and returned. */
    public record Submission(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * Runs {@code SparkSubmit --master <this master> --deploy-mode client --conf spark.driver.host=127.0.0.1
     * [--conf K=V for each of sparkConf] --class mainClass appJar args...} as a child JVM and waits for it.
     *
     * @param sparkConf entries {@code spark.key=value}
     * @throws IllegalStateException if it does not finish within {@code timeout} (it is then killed)
     */
    public Submission submit(List<String> sparkConf, String appJar, String mainClass, List<String> args,
            Duration timeout) throws IOException, InterruptedException {
        return submit(sparkConf, appJar, mainClass, args, timeout, Map.of());
    }

    /** {@link #submit(List, String, String, List, Duration)} with environment variables for the submit. */
    public Submission submit(List<String> sparkConf, String appJar, String mainClass, List<String> args,
            Duration timeout, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("submit", "--dir", dir.toString()));
        for (String c : sparkConf) {
            if (c.indexOf('=') <= 0) {
                throw new IllegalArgumentException("sparkConf entry '" + c + "' is not spark.key=value");
            }
            cmd.add("--conf");
            cmd.add(c);
        }
        cmd.addAll(List.of("--class", mainClass, appJar));
        cmd.addAll(args);
        int n = submitCount.incrementAndGet();
        Path out = dir.resolve("logs/submit-" + n + ".out");
        Path err = dir.resolve("logs/submit-" + n + ".err");
        Process p = startScript(cmd, out.toFile(), err.toFile(), env);
        synchronized (submits) {
            submits.add(p);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p.toHandle());
            throw new IllegalStateException("SparkSubmit " + mainClass + " " + args + " did not finish within "
                    + timeout + "; killed. stderr:\n" + Files.readString(err));
        }
        return new Submission(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Stops every JVM this cluster started (submits, then {@code bin/cluster stop}: TERM, KILL after a grace
     * period; then destroy/destroyForcibly by PID for anything still there), deletes the work directories and
     * the Aeron files that appeared since start. Logs stay in {@code stateDir()/logs}. Idempotent.
     */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (submits) {
            for (Process p : submits) {
                stop(p.toHandle());
            }
        }
        ScriptRun run = script(dir, GRACE.multipliedBy(3), Map.of(), "stop", "--dir", dir.toString());
        for (ProcessHandle h : daemons) {
            stop(h);
        }
        for (ProcessHandle h : liveProcesses()) {
            stop(h);
        }
        AeronFiles.deleteTree(dir.resolve("work"));
        AeronFiles.deleteTree(dir.resolve("local"));
        aeron.removeNew();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (close() called from the hook itself)
        }
        if (run.code != 0) {
            throw new IllegalStateException("bin/cluster stop failed (exit " + run.code + ")\n" + run);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("StandaloneCluster: stopping " + dir + " failed: " + e);
        }
    }

    /** destroy (TERM), then destroyForcibly (KILL) after the grace period; waits for the end. */
    static void stop(ProcessHandle h) throws InterruptedException {
        if (!h.isAlive()) {
            return;
        }
        h.destroy();
        try {
            h.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            h.destroyForcibly();
            try {
                h.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e2) {
                throw new IllegalStateException("PID " + h.pid() + " survived KILL for " + GRACE);
            }
        }
    }

    /** Exit code and output of one bin/cluster run. */
    private record ScriptRun(int code, String out, String err) {
        @Override
        public String toString() {
            return "--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static ScriptRun script(Path dir, Duration timeout, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cluster-", ".out");
        Path err = Files.createTempFile(dir, "cluster-", ".err");
        try {
            Process p = startScript(List.of(args), out.toFile(), err.toFile(), env);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p.toHandle());
                throw new IllegalStateException("bin/cluster " + String.join(" ", args) + " did not finish within "
                        + timeout + "; stderr:\n" + Files.readString(err));
            }
            return new ScriptRun(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Process startScript(List<String> args, File out, File err, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/cluster").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        // the harness always runs the build's own Spark, whatever the developer's shell has; a secret only if given
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("SPARK_CONF_DIR");
        pb.environment().remove("SPARKACT_AUTH_SECRET");
        pb.environment().remove("SPARKACT_AUTH_SECRET_FILE");
        pb.environment().putAll(env);
        return pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out).redirectError(err).start();
    }

    private static List<Long> recordedPids(Path dir) {
        try (Stream<Path> s = Files.list(dir.resolve("pids"))) {
            return s.filter(p -> p.toString().endsWith(".pid")).sorted()
                    .map(p -> Long.parseLong(read(p))).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PIDs bin/cluster recorded in " + dir, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + " (written by bin/cluster start)", e);
        }
    }

    private static Path findRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isExecutable(q.resolve("bin/cluster"))) {
                return q;
            }
        }
        throw new IllegalStateException("no bin/cluster in " + p + " or above: run from the repository");
    }
}
