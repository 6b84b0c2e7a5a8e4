package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret handling of {@code bin/lib/auth.sh} through the scripts that use it, without starting a JVM: the
 * refusals of {@code bin/cluster start --auth} and {@code bin/sparkact} (exit 2, exact message, the secret never
 * shown), and the Docker image's {@code spark-auth} launcher run from a copy of the image's layout with a stand-in
 * for Spark's scripts. A real secured cluster is {@link SecureClusterIT}.
 */
class SecretScriptsTest {

    static final Path ROOT = StandaloneCluster.ROOT;
    static final String GOOD = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        Path out = tmp.resolve("run.out");
        Path err = tmp.resolve("run.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("SPARKACT_AUTH_SECRET");
        pb.environment().remove("SPARKACT_AUTH_SECRET_FILE");
        pb.environment().remove("SPARK_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            StandaloneCluster.stop(p.toHandle());
            throw new AssertionError(String.join(" ", cmd) + " did not end within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path secretFile(String content, String mode) throws IOException {
        Path f = tmp.resolve("secret-" + mode);
        Files.writeString(f, content + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private Run clusterStartAuth(Map<String, String> env) throws IOException, InterruptedException {
        return run(env, ROOT.resolve("bin/cluster").toString(), "start", "--auth", "--dir",
                tmp.resolve("cluster").toString());
    }

    @Test
    void startAuthWithoutASecretIsRefused() throws Exception {
        Run r = clusterStartAuth(Map.of());
        assertEquals(2, r.code(), r.toString());
        assertEquals("cluster: no secret given; set SPARKACT_AUTH_SECRET_FILE (a file holding it) or "
                + "SPARKACT_AUTH_SECRET\n", r.err());
        assertFalse(Files.exists(tmp.resolve("cluster")), "nothing created, nothing started");
    }

    @Test
    void aSecretFileOthersCanReadIsRefused() throws Exception {
        Path f = secretFile(GOOD, "rw-r--r--");
        Run r = clusterStartAuth(Map.of("SPARKACT_AUTH_SECRET_FILE", f.toString()));
        assertEquals(2, r.code(), r.toString());
        assertEquals("cluster: SPARKACT_AUTH_SECRET_FILE '" + f + "' has mode 644; allowed: no access for group and "
                + "others, e.g. 600 (chmod 600 '" + f + "')\n", r.err());
    }

    @Test
    void anInvalidSecretIsRefusedWithoutShowingIt() throws Exception {
        String bad = "short secret";  // a space and only 12 characters
        Path f = secretFile(bad, "rw-------");
        Run r = clusterStartAuth(Map.of("SPARKACT_AUTH_SECRET_FILE", f.toString()));
        assertEquals(2, r.code(), r.toString());
        assertEquals("cluster: the secret in SPARKACT_AUTH_SECRET_FILE '" + f + "' is not a valid secret (value not "
                + "shown); allowed: one line of 16 or more characters A-Z a-z 0-9 + / = . _ ~ -, e.g. from "
                + "'openssl rand -base64 32'\n", r.err());
        Run env = clusterStartAuth(Map.of("SPARKACT_AUTH_SECRET", bad));
        assertEquals(2, env.code(), env.toString());
        assertTrue(env.err().startsWith("cluster: SPARKACT_AUTH_SECRET is not a valid secret (value not shown);"),
                env.err());
        assertFalse(r.err().contains(bad) || env.err().contains(bad), "the secret is not printed");
    }

    @Test
    void bothSourcesAtOnceAreRefused() throws Exception {
        Run r = clusterStartAuth(Map.of("SPARKACT_AUTH_SECRET_FILE", secretFile(GOOD, "rw-------").toString(),
                "SPARKACT_AUTH_SECRET", GOOD));
        assertEquals(2, r.code(), r.toString());
        assertEquals("cluster: both SPARKACT_AUTH_SECRET_FILE and SPARKACT_AUTH_SECRET are set; allowed: one of them\n",
                r.err());
    }

    @Test
    void sparkactChecksTheSecretForAStandaloneMasterBeforeBuildingOrStarting() throws Exception {
        Path missing = tmp.resolve("no-such-secret");
        Run r = run(Map.of("SPARKACT_AUTH_SECRET_FILE", missing.toString()), ROOT.resolve("bin/sparkact").toString(),
                "--master", "spark://127.0.0.1:7077", "generate");
        assertEquals(2, r.code(), r.toString());
        assertEquals("sparkact: SPARKACT_AUTH_SECRET_FILE given invalid value '" + missing + "'; allowed: a readable "
                + "file holding the secret\n", r.err());
    }

    /** The image's /opt/sparkact/bin: the launcher and lib/auth.sh next to it, as docker/Dockerfile copies them. */
    private Path imageBin() throws IOException {
        Path bin = tmp.resolve("opt/sparkact/bin");
        Files.createDirectories(bin.resolve("lib"));
        Files.copy(ROOT.resolve("docker/spark-auth"), bin.resolve("spark-auth"));
        Files.copy(ROOT.resolve("bin/lib/auth.sh"), bin.resolve("lib/auth.sh"));
        return bin;
    }

    private Path script(String name, String body) throws IOException {
        Path s = tmp.resolve(name);
        Files.writeString(s, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        return s;
    }

    @Test
    void launcherGivesDaemonsTheSecretInTheEnvironmentOnly() throws Exception {
        Path bin = imageBin();
        // stands in for spark-class: reports what the JVM would get
        Path fake = script("fake-spark-class", "echo \"args: $*\"\necho \"opts:$SPARK_DAEMON_JAVA_OPTS\"\n"
                + "[[ \"$_SPARK_AUTH_SECRET\" == '" + GOOD + "' ]] && echo secret-in-env\n"
                + "env | grep -c '^SPARKACT_AUTH' || true\n");
        Run r = run(Map.of("SPARKACT_AUTH_SECRET_FILE", secretFile(GOOD, "rw-r--r--").toString()),
                bin.resolve("spark-auth").toString(), "daemon", fake.toString(), "org.apache.spark.deploy.master.Master");
        assertEquals(0, r.code(), r.toString());
        // a 644 file is accepted here: compose bind-mounts it with the host's mode (README, "Security")
        assertEquals("args: org.apache.spark.deploy.master.Master\n"
                + "opts: -Dspark.authenticate=true -Dspark.network.crypto.enabled=true -Dspark.master.rest.enabled=false"
                + " -Dspark.ui.killEnabled=false\nsecret-in-env\n0\n", r.out());
    }

    @Test
    void launcherGivesSubmitAPrivatePropertiesFileAndDeletesIt() throws Exception {
        Path bin = imageBin();
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        // stands in for spark-submit: the properties file's keys, its mode and its directory's, then exit 3
        // the spark-defaults.conf SparkSubmit would have read without --properties-file is taken in first
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("spark-defaults.conf"), "spark.executor.memory=1g\n"
                + "spark.io.encryption.enabled=false");
        Path fake = script("fake-spark-submit", "[[ \"$1\" == --properties-file ]] || exit 9\n"
                + "grep -v '^$' \"$2\" | cut -d= -f1\n"
                + "grep -qxF 'spark.authenticate.secret=" + GOOD + "' \"$2\" && echo secret-in-file\n"
                + "stat -c %a \"$2\" \"$(dirname \"$2\")\"\n"
                + "shift 2\necho \"rest: $*\"\nexit 3\n");
        Run r = run(Map.of("SPARKACT_AUTH_SECRET", GOOD, "TMPDIR", tmpdir.toString(), "SPARK_CONF_DIR",
                conf.toString()), bin.resolve("spark-auth").toString(), "submit", fake.toString(), "--master",
                "spark://master:7077");
        assertEquals(3, r.code(), "the command's exit code: " + r);
        // java.util.Properties keeps the last value of a key: the security settings override the defaults
        assertEquals("spark.executor.memory\nspark.io.encryption.enabled\nspark.authenticate\nspark.authenticate.secret\nspark.network.crypto.enabled\n"
                + "spark.io.encryption.enabled\nsecret-in-file\n600\n700\nrest: --master spark://master:7077\n", r.out());
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.toList(), "the properties file and its directory are deleted");
        }
    }

    @Test
    void launcherForwardsTermToTheSubmitAndStillDeletesTheFile() throws Exception {
        Path bin = imageBin();
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        Path pidFile = tmp.resolve("child.pid");
        Path fake = script("fake-long-submit", "echo $$ > '" + pidFile + "'\nexec sleep 60\n");
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("spark-auth").toString(), "submit", fake.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("long.out").toFile());
        pb.environment().put("SPARKACT_AUTH_SECRET", GOOD);
        pb.environment().put("TMPDIR", tmpdir.toString());
        Process launcher = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long child = Long.parseLong(Files.readString(pidFile).strip());
            launcher.destroy();  // SIGTERM, as StandaloneCluster and `docker stop` send
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher ends after TERM");
            assertEquals(143, launcher.exitValue(), "128 + SIGTERM, the child's status");
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child got TERM too");
            try (Stream<Path> left = Files.list(tmpdir)) {
                assertEquals(List.of(), left.toList(), "the properties file is deleted");
            }
        } finally {
            launcher.destroyForcibly();
            launcher.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
