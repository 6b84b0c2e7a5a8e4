package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/cluster start --auth} (master + 1 worker on 127.0.0.1, spark.authenticate and RPC encryption on):
 * a submit with the secret runs a small job on the executors; a submit without it and one with a wrong secret
 * are refused by the master; and the secret is on no process command line (master, worker, executor and every
 * SparkSubmit JVM, read from /proc while they run) and in no log or file the cluster leaves.
 *
 * <p>The two refused submits take ~60 s whatever the machine: Spark's standalone client retries the master
 * registration 3 times, 20 s apart (constants in StandaloneAppClient), before "All masters are unresponsive!
 * Giving up." They run concurrently with the good one, so the test takes about that plus the cluster's start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureClusterIT {

    static final Path ROOT = StandaloneCluster.ROOT;
    static final Path STATE = ROOT.resolve("jobs/target/it-clusters/secure-cluster-it");
    /** Secrets, the probe jar, bin/sparkact's TMPDIR and logs: outside STATE so that STATE can be searched. */
    static final Path FILES = ROOT.resolve("jobs/target/it-clusters/secure-cluster-it-files");
    static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(4);

    static String secret;
    static String wrongSecret;
    static Path secretFile;
    static Path probeJar;
    static StandaloneCluster cluster;
    /** Command lines (arguments joined by spaces) of the Spark JVMs of this repository seen while submits ran. */
    static final Map<Long, String> SEEN = new ConcurrentHashMap<>();
    /** PIDs of any process whose command line held either secret. */
    static final Map<Long, String> LEAKED = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSecuredCluster() throws Exception {
        AeronFiles.deleteTree(STATE);
        AeronFiles.deleteTree(FILES);
        Files.createDirectories(FILES.resolve("secrets"));
        Files.createDirectories(FILES.resolve("tmp"));
        Files.createDirectories(FILES.resolve("logs"));
        secret = randomSecret();
        wrongSecret = randomSecret();
        secretFile = FILES.resolve("secrets/spark-auth-secret");
        Files.writeString(secretFile, secret + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        probeJar = probeJar(FILES.resolve("secure-probe.jar"));
        cluster = StandaloneCluster.start(STATE, 1, 1, "1g", Duration.ofSeconds(150),
                Map.of("SPARKACT_AUTH_SECRET_FILE", secretFile.toString(), "SPARK_DAEMON_MEMORY", "512m"),
                List.of("--auth"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        AeronFiles.deleteTree(FILES.resolve("secrets"));
    }

    @Test
    @Order(1)
    void clusterSubmitWithoutTheSecretIsAUsageError() throws Exception {
        StandaloneCluster.Submission s = cluster.submit(List.of(), probeJar.toString(),
                SecureProbeApp.class.getName(), List.of(), SUBMIT_TIMEOUT, Map.of());
        assertEquals(2, s.exitCode(), s.toString());
        assertEquals("cluster: the cluster in " + STATE + " was started with --auth; set SPARKACT_AUTH_SECRET_FILE"
                + " (a file holding its secret) or SPARKACT_AUTH_SECRET for the submit\n"
                + "Run 'bin/cluster --help' for usage.\n", s.stderr());
    }

    @Test
    @Order(2)
    void theSecretRunsAJobAndTheMasterRefusesNoSecretAndAWrongOne() throws Exception {
        String master = cluster.masterUrl();
        ProcessWatch watch = new ProcessWatch();
        watch.start();
        // one thread per submit: the common pool has a single thread on a 2-core machine
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<StandaloneCluster.Submission> good = CompletableFuture.supplyAsync(() -> call(
                    () -> cluster.submit(List.of("spark.ui.enabled=false"), probeJar.toString(),
                            SecureProbeApp.class.getName(), List.of(), SUBMIT_TIMEOUT,
                            Map.of("SPARKACT_AUTH_SECRET_FILE", secretFile.toString(),
                                    "SPARKACT_DRIVER_MEMORY", "512m"))), pool);
            // bin/sparkact, as a user would point it at the master: no secret at all, and somebody else's
            CompletableFuture<StandaloneCluster.Submission> none = CompletableFuture.supplyAsync(
                    () -> call(() -> sparkact("none", Map.of(), master)), pool);
            CompletableFuture<StandaloneCluster.Submission> wrong = CompletableFuture.supplyAsync(
                    () -> call(() -> sparkact("wrong", Map.of("SPARKACT_AUTH_SECRET", wrongSecret), master)), pool);

            StandaloneCluster.Submission ok = good.get();
            assertEquals(0, ok.exitCode(), ok.toString());
            // 10,000 ids in 10 residue classes mod 10: 10 groups, and every id counted once
            assertTrue(ok.stdout().contains("groups 10 rows 10000\n"), ok.stdout());
            assertTrue(ok.stdout().contains("spark.authenticate true\nspark.network.crypto.enabled true\n"
                    + "spark.io.encryption.enabled true\n"), ok.stdout());
            assertTrue(ok.stdout().contains("\nspark.authenticate.secret=*********(redacted)\n"), ok.stdout());

            StandaloneCluster.Submission refused = none.get();
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.stderr().contains("java.lang.IllegalStateException: Expected SaslMessage, received "
                    + "something else (maybe your client does not have SASL enabled?)"), refused.stderr());
            assertTrue(refused.stderr().contains("ERROR StandaloneSchedulerBackend: Application has been killed. "
                    + "Reason: All masters are unresponsive! Giving up."), refused.stderr());

            StandaloneCluster.Submission wrongRefused = wrong.get();
            assertEquals(1, wrongRefused.exitCode(), wrongRefused.toString());
            assertTrue(wrongRefused.stderr().contains("ERROR StandaloneSchedulerBackend: Application has been "
                    + "killed. Reason: All masters are unresponsive! Giving up."), wrongRefused.stderr());
        } finally {
            pool.shutdown();  // the submits end by themselves (each within SUBMIT_TIMEOUT, else killed)
            pool.awaitTermination(SUBMIT_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
            watch.stop();
        }
        String masterLog = Files.readString(STATE.resolve("logs/master.log"));
        // the wrong secret is reported by the master (AuthRpcHandler at DEBUG, conf/log4j2-cluster.properties)
        assertTrue(masterLog.contains("DEBUG AuthRpcHandler: Authentication failed for client /127.0.0.1:"), masterLog);
        assertTrue(masterLog.contains("Expected SaslMessage, received something else"), masterLog);
        assertTrue(masterLog.contains("INFO Master: Registering app SecureProbeApp"), masterLog);
    }

    @Test
    @Order(3)
    void theSecretIsOnNoCommandLine() {
        assertEquals(Map.of(), LEAKED, "processes whose command line holds a secret");
        String state = STATE + "/";
        List<String> executors = seen(c -> c.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")
                && c.contains(state));
        assertFalse(executors.isEmpty(), "no executor of the cluster seen: " + SEEN.values());
        for (String e : executors) {
            // the settings reach the executors on their command line, the secret does not (Spark filters it)
            assertTrue(e.contains("-Dspark.authenticate=true") && e.contains("-Dspark.network.crypto.enabled=true"), e);
        }
        assertEquals(1, seen(c -> c.contains("org.apache.spark.deploy.master.Master") && c.contains(state)).size());
        assertEquals(1, seen(c -> c.contains("org.apache.spark.deploy.worker.Worker") && c.contains(state)).size());
        // the good submit (bin/cluster) and the two refused ones (bin/sparkact)
        assertEquals(3, seen(c -> c.contains("org.apache.spark.deploy.SparkSubmit")).size(), SEEN.values().toString());
    }

    @Test
    @Order(4)
    void theSecretIsInNoLogOrLeftoverFile() throws Exception {
        List<Path> searched = filesUnder(STATE, FILES.resolve("logs"), FILES.resolve("tmp"));
        assertTrue(searched.stream().anyMatch(p -> p.toString().endsWith("/stderr")), "executor logs searched");
        assertEquals(List.of(), filesHolding(searched, secret, wrongSecret));
        // the properties files that carried the secrets to SparkSubmit are gone
        assertEquals(List.of(), filesUnder(FILES.resolve("tmp")));
        assertEquals(List.of(), filesUnder(STATE.resolve("tmp")));
        cluster.close();
        assertEquals(List.of(), cluster.liveProcesses(), "JVMs of the cluster still alive");
        assertEquals(List.of(), filesHolding(filesUnder(STATE), secret, wrongSecret));
        assertFalse(Files.exists(STATE.resolve("auth")), "stop removes the cluster's auth marker");
    }

    /** 32 random bytes, Base64: what `openssl rand -base64 32` gives. */
    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** A jar holding only {@link SecureProbeApp}, from the compiled test classes. */
    private static Path probeJar(Path jar) throws IOException {
        String entry = SecureProbeApp.class.getName().replace('.', '/') + ".class";
        Path cls = ROOT.resolve("jobs/target/test-classes").resolve(entry);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry(entry));
            j.write(Files.readAllBytes(cls));
            j.closeEntry();
        }
        return jar;
    }

    /** bin/sparkact --master MASTER generate ... with ENV (and nothing of the developer's secret variables). */
    private static StandaloneCluster.Submission sparkact(String name, Map<String, String> env, String master)
            throws IOException, InterruptedException {
        Path out = FILES.resolve("logs/sparkact-" + name + ".out");
        Path err = FILES.resolve("logs/sparkact-" + name + ".err");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/sparkact").toString(), "--master", master,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false", "generate",
                "--set", "output=" + FILES.resolve("out-" + name), "--set", "rows=100")
                .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> e = pb.environment();
        e.remove("SPARK_HOME");
        e.remove("SPARKACT_AUTH_SECRET");
        e.remove("SPARKACT_AUTH_SECRET_FILE");
        e.put("SPARK_LOCAL_IP", "127.0.0.1");
        e.put("SPARKACT_DRIVER_MEMORY", "512m");
        e.put("TMPDIR", FILES.resolve("tmp").toString());
        e.putAll(env);
        Process p = pb.start();
        if (!p.waitFor(SUBMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            for (ProcessHandle h : p.descendants().collect(Collectors.toList())) {
                StandaloneCluster.stop(h);
            }
            StandaloneCluster.stop(p.toHandle());
            throw new IllegalStateException("bin/sparkact (" + name + ") did not end within " + SUBMIT_TIMEOUT);
        }
        return new StandaloneCluster.Submission(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * The distinct command lines seen that match: a JVM that forks a helper (Hadoop runs `id`, a worker starts
     * an executor) briefly shows its own command line under the child's PID too, so PIDs are not counted.
     */
    private static List<String> seen(java.util.function.Predicate<String> p) {
        return SEEN.values().stream().filter(p).distinct().collect(Collectors.toList());
    }

    private static List<Path> filesUnder(Path... dirs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static List<Path> filesHolding(List<Path> files, String... needles) throws IOException {
        List<Path> hits = new ArrayList<>();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String n : needles) {
                if (text.contains(n)) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    private interface IoCall<T> {
        T call() throws Exception;
    }

    private static <T> T call(IoCall<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads every process's /proc/PID/cmdline every 100 ms: records the Spark JVMs of this repository (their
     * command line names it) in {@link #SEEN} and any process whose command line holds a secret in
     * {@link #LEAKED}.
     */
    private static final class ProcessWatch {
        private final Thread thread = new Thread(this::loop, "secure-cluster-it-proc-watch");
        private volatile boolean running = true;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            scan();  // once more after the last submit
        }

        private void loop() {
            while (running) {
                scan();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static void scan() {
            String repo = ROOT + "/";
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path d : (Iterable<Path>) procs::iterator) {
                    String name = d.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String cmd;
                    try {
                        cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.ISO_8859_1)
                                .replace('\0', ' ');
                    } catch (IOException e) {
                        continue;  // the process ended meanwhile
                    }
                    long pid = Long.parseLong(name);
                    if (cmd.contains(secret) || cmd.contains(wrongSecret)) {
                        LEAKED.put(pid, cmd);
                    }
                    if (cmd.contains(repo) && cmd.contains("org.apache.spark.")) {
                        SEEN.put(pid, cmd);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list /proc", e);
            }
        }
    }
}
