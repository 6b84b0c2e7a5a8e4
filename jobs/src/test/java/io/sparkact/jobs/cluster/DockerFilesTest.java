package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkact.jobs.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so {@code docker/Dockerfile} and {@code docker/compose.yaml} are checked by reading
 * them: every file, class, script and job they name must exist in the repository or the build, the base image
 * must match the Spark and Scala versions the build compiles against, and the services must point at each other.
 * Security: every service starts through the image's {@code spark-auth} launcher with the compose secret, and
 * every secret file the compose file names lies in a git-ignored directory (so no real secret gets committed).
 */
class DockerFilesTest {

    static final Path ROOT = StandaloneCluster.ROOT;
    static final Path DOCKER = ROOT.resolve("docker");
    static final Pattern CLASS_NAME = Pattern.compile("(?:org|io)(?:\\.[a-z][a-z0-9_]*)+(?:\\.[A-Z][A-Za-z0-9_$]*)");
    static final Pattern IMAGE_PATH = Pattern.compile("/opt/sparkact/[A-Za-z0-9_./-]+");
    static final String LAUNCHER = "/opt/sparkact/bin/spark-auth";
    static final String SECRET = "spark_auth_secret";

    /** COPY destination in the image → source in the build context (the repository root). */
    static final Map<String, String> COPIES = new LinkedHashMap<>();
    static String fromImage;
    static Map<String, Object> compose;

    @BeforeAll
    static void read() throws IOException {
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            String[] w = line.strip().split("\\s+");
            if (w[0].equals("FROM")) {
                fromImage = w[1];
            } else if (w[0].equals("COPY")) {
                assertEquals(3, w.length, "COPY with one source and one destination: " + line);
                COPIES.put(w[2], w[1]);
            } else if (w[0].equals("ADD")) {
                fail("Dockerfile uses ADD (remote fetches/auto-extraction); COPY is expected: " + line);
            }
        }
        compose = BlockYaml.parse(Files.readAllLines(DOCKER.resolve("compose.yaml")));
    }

    @Test
    void baseImageMatchesTheBuildsSparkScalaAndJava() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String expected = "apache/spark:" + property(pom, "spark.version") + "-scala"
                + property(pom, "scala.binary.version") + "-java" + property(pom, "maven.compiler.release")
                + "-ubuntu";
        assertEquals(expected, fromImage);
    }

    @Test
    void copySourcesExistOrAreWhatTheBuildProduces() throws IOException {
        assertEquals(Map.of("/opt/sparkact/sparkact-jobs.jar", "jobs/target/sparkact-jobs.jar",
                "/opt/sparkact/conf/", "conf/", LAUNCHER, "docker/spark-auth",
                "/opt/sparkact/bin/lib/auth.sh", "bin/lib/auth.sh"), COPIES);
        // the launcher sources auth.sh from lib/ next to itself, where the COPY above puts it
        assertTrue(Files.readString(ROOT.resolve("docker/spark-auth")).contains("source \"$HERE/lib/auth.sh\""));
        assertTrue(Files.isExecutable(ROOT.resolve("docker/spark-auth")), "docker/spark-auth is executable");
        String jobsPom = Files.readString(ROOT.resolve("jobs/pom.xml"));
        for (String src : COPIES.values()) {
            if (src.startsWith("jobs/target/")) {
                // a build output: the shade plugin must write exactly this file (it need not exist before package)
                String out = "<outputFile>${project.build.directory}/" + src.substring("jobs/target/".length())
                        + "</outputFile>";
                assertTrue(jobsPom.contains(out), "jobs/pom.xml does not produce " + src + " (expected " + out + ")");
            } else {
                assertTrue(Files.exists(ROOT.resolve(src)), "COPY source " + src + " missing in the repository");
            }
        }
    }

    @Test
    void everyServiceBuildsTheDockerfileFromTheRepositoryRoot() {
        Map<String, Object> services = map(compose, "services");
        assertEquals(List.of("master", "worker-1", "worker-2", "submit"), new ArrayList<>(services.keySet()));
        for (String name : services.keySet()) {
            Map<String, Object> build = map(map(services, name), "build");
            Path context = DOCKER.resolve((String) build.get("context")).normalize();
            assertEquals(ROOT, context, name + ": build context");
            assertEquals(DOCKER.resolve("Dockerfile"), context.resolve((String) build.get("dockerfile")), name);
            assertEquals("sparkact:latest", map(services, name).get("image"), name);
        }
    }

    @Test
    void commandsUseTheImagesSparkScriptsAndExistingClasses() throws Exception {
        Map<String, Object> services = map(compose, "services");
        for (String name : services.keySet()) {
            List<String> cmd = sparkCommand(services, name);
            // scripts of the base image (SPARK_HOME=/opt/spark), not of this repository
            assertTrue(List.of("/opt/spark/bin/spark-class", "/opt/spark/bin/spark-submit").contains(cmd.get(0)),
                    name + " runs " + cmd.get(0));
            for (String arg : cmd) {
                Matcher m = CLASS_NAME.matcher(arg);
                if (m.matches()) {
                    assertClassExists(name, arg);
                }
                Matcher p = IMAGE_PATH.matcher(arg);
                assertFalse(arg.contains("spark.authenticate.secret"), name + " puts the secret on its command line");
                while (p.find()) {
                    assertTrue(copiedFromRepoOrBuild(p.group()), name + " names " + p.group()
                            + ", which no COPY puts into the image");
                }
            }
        }
    }

    @Test
    void workersAndSubmitReachTheMastersHostAndPort() {
        Map<String, Object> services = map(compose, "services");
        List<String> master = sparkCommand(services, "master");
        String url = "spark://" + after(master, "--host") + ":" + after(master, "--port");
        assertTrue(services.containsKey(after(master, "--host")), "master host is a service name");
        assertEquals("org.apache.spark.deploy.master.Master", master.get(1));
        for (String w : List.of("worker-1", "worker-2")) {
            List<String> cmd = sparkCommand(services, w);
            assertEquals(List.of("org.apache.spark.deploy.worker.Worker", url), cmd.subList(1, 3), w);
        }
        List<String> submit = sparkCommand(services, "submit");
        assertEquals(url, after(submit, "--master"));
        assertTrue(submit.contains("spark.driver.host=submit"), "executors must reach the driver by service name");
    }

    @Test
    void submitRunsAValidJobOfTheApplicationJar() throws IOException {
        List<String> submit = sparkCommand(map(compose, "services"), "submit");
        String mainClass = after(submit, "--class");
        assertTrue(Files.readString(ROOT.resolve("jobs/pom.xml")).contains("<mainClass>" + mainClass + "</mainClass>"),
                "--class is the jar's Main-Class");
        int jar = submit.indexOf("/opt/sparkact/sparkact-jobs.jar");
        assertTrue(jar > 0, "submit runs the copied application jar: " + submit);
        String job = submit.get(jar + 1);
        assertEquals(0, CliRunner.run(job, "--help").code, "'" + job + "' is a job of " + mainClass);
        // the same check refuses a name that is not a job
        assertEquals(2, CliRunner.run("no-such-job", "--help").code);
    }

    @Test
    void everyServiceStartsThroughTheLauncherWithTheComposeSecret() {
        Map<String, Object> services = map(compose, "services");
        for (String name : services.keySet()) {
            List<String> cmd = command(services, name);
            String role = name.equals("submit") ? "submit" : "daemon";
            assertEquals(List.of(LAUNCHER, role), cmd.subList(0, 2), name + " must start through the launcher");
            assertEquals(List.of(SECRET), map(services, name).get("secrets"), name + ".secrets");
            // the file compose mounts for a secret named in `secrets:` (https://docs.docker.com/compose/how-tos/use-secrets/)
            assertEquals(Map.of("SPARKACT_AUTH_SECRET_FILE", "/run/secrets/" + SECRET),
                    map(map(services, name), "environment"), name + ".environment (no secret value inline)");
        }
    }

    @Test
    void everySecretFileIsInAGitIgnoredDirectory() throws IOException {
        Map<String, Object> secrets = map(compose, "secrets");
        assertEquals(List.of(SECRET), new ArrayList<>(secrets.keySet()));
        List<String> ignored = Files.readAllLines(ROOT.resolve(".gitignore")).stream().map(String::strip)
                .filter(l -> l.startsWith("/") && l.endsWith("/")).collect(Collectors.toList());
        for (String name : secrets.keySet()) {
            Map<String, Object> secret = map(secrets, name);
            assertEquals(List.of("file"), new ArrayList<>(secret.keySet()), name + ": a file secret");
            Path file = DOCKER.resolve((String) secret.get("file")).normalize();
            String rel = ROOT.relativize(file).toString();
            assertTrue(file.startsWith(ROOT) && ignored.stream().anyMatch(d -> ("/" + rel).startsWith(d)),
                    name + ": " + rel + " is not under a directory .gitignore lists (" + ignored + ")");
            // the directory is documented where the file is named
            assertTrue(Files.readString(DOCKER.resolve("compose.yaml")).contains("> " + rel), "compose.yaml "
                    + "does not say how to create " + rel);
        }
    }

    @Test
    void yamlReaderRefusesWhatItDoesNotUnderstand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockYaml.parse(List.of("services:", "  master:", "    command: [a, b]")));
        assertEquals("YAML line 3: '[' (flow style, anchor, tag or block scalar) is not supported: [a, b]",
                e.getMessage());
        assertEquals(Map.of("a", Map.of("b", List.of("x # y", "7"))),
                BlockYaml.parse(List.of("a:  # c", "  b:", "  - 'x # y'", "  - \"7\" # c")));
    }

    private static void assertClassExists(String service, String name) throws ClassNotFoundException {
        if (name.startsWith("io.sparkact.")) {
            Path cls = ROOT.resolve("jobs/target/classes/" + name.replace('.', '/') + ".class");
            assertTrue(Files.isRegularFile(cls), service + " names " + name + ", not compiled at " + cls);
        }
        // Spark's classes are on the test classpath (provided scope), as they are in the image's /opt/spark/jars
        Class.forName(name, false, DockerFilesTest.class.getClassLoader());
    }

    private static boolean copiedFromRepoOrBuild(String imagePath) {
        for (Map.Entry<String, String> c : COPIES.entrySet()) {
            String dst = c.getKey();
            if (imagePath.equals(dst)) {
                return true;
            }
            if (dst.endsWith("/") && imagePath.startsWith(dst)) {
                return Files.exists(ROOT.resolve(c.getValue()).resolve(imagePath.substring(dst.length())));
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertTrue(v instanceof Map, "compose.yaml: '" + key + "' is not a mapping: " + v);
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> services, String name) {
        Object v = map(services, name).get("command");
        assertTrue(v instanceof List, "compose.yaml: " + name + ".command is not a list: " + v);
        return (List<String>) v;
    }

    /** The service's command after the {@code spark-auth ROLE} launcher prefix: Spark's own script and its arguments. */
    private static List<String> sparkCommand(Map<String, Object> services, String name) {
        List<String> cmd = command(services, name);
        assertTrue(cmd.size() > 2 && cmd.get(0).equals(LAUNCHER), name + " does not start through " + LAUNCHER);
        return cmd.subList(2, cmd.size());
    }

    private static String after(List<String> cmd, String option) {
        int i = cmd.indexOf(option);
        assertFalse(i < 0 || i + 1 >= cmd.size(), option + " missing in " + cmd);
        return cmd.get(i + 1);
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), "pom.xml has no <" + name + ">");
        return m.group(1).strip();
    }
}
