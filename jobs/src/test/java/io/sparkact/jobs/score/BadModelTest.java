package io.sparkact.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import io.sparkact.jobs.train.CriteoCsv;
import io.sparkact.jobs.train.LocalSpark;
import io.sparkact.jobs.train.TrainFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Damaged models, for every job that loads one: {@code score} (a train output given as {@code model}) and
 * {@code retrain} (the registry champion it warm-starts from). One small model is trained once; each row copies
 * it and damages the copy. Every damage is refused before anything is written: exit 1 with a message naming
 * the file and the problem (exit 2 when the {@code model} path the user gave is not a model at all), no
 * {@code _SUCCESS}, no scores, no new registry version, the champion alias untouched.
 *
 * <p>Golden values: the tampered file's sha256 is computed here with the JDK's MessageDigest over the bytes
 * the test wrote; the truncated file's sha256 is recorded in its manifest so that only loading can tell.
 */
class BadModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LocalSpark spark;
    private static Path trained;
    private static Path rows;

    @BeforeAll
    static void trainOneSmallModel() throws IOException {
        spark = LocalSpark.start();
        Random r = new Random(5);
        new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 600).writeTo(dir.resolve("train/t.csv"));
        new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 200).writeTo(dir.resolve("valid/v.csv"));
        rows = new CriteoCsv(CriteoCsv.COLUMNS).addGood(r, 50).writeTo(dir.resolve("rows/r.csv"));
        trained = dir.resolve("trained");
        CliRunner.Result res = CliRunner.run("train", "--config", conf(),
                "--set", "input.train=" + dir.resolve("train"), "--set", "input.valid=" + dir.resolve("valid"),
                "--set", "output=" + trained, "--set", "model.hidden=8", "--set", "model.embedding_dim=4",
                "--set", "features.hash_buckets=500", "--set", "training.epochs=1", "--set", "training.batch_size=64");
        assertEquals(Main.OK, res.code, res.toString());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static String conf() {
        return TrainFiles.repoRoot().resolve("conf/csv-criteo-header.conf").toString();
    }

    /** One kind of damage: what it does to a copy of the model directory, and the message it must give. */
    record Damage(String name, Mutation damage, Expect message) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Mutation {
        void apply(Path modelDir) throws IOException;
    }

    /** The expected message (after "java.io.IOException: ") given the damaged directory as printed by the job. */
    interface Expect {
        boolean matches(String dir, String message);
    }

    static Expect exactly(java.util.function.Function<String, String> m) {
        return (d, msg) -> m.apply(d).equals(msg);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest with its one line {@code "key" : value,} replaced (TrainOutput writes indented JSON). */
    static void setManifest(Path d, String key, String value) throws IOException {
        Path m = d.resolve("manifest.json");
        String text = Files.readString(m);
        String replaced = text.replaceFirst("\"" + key + "\" : [^,\\n]*", "\"" + key + "\" : " + value);
        assertFalse(text.equals(replaced), "manifest has " + key);
        Files.writeString(m, replaced);
    }

    static Stream<Damage> damages() {
        return Stream.of(
            new Damage("tampered model.zip", d -> {
                byte[] b = Files.readAllBytes(d.resolve("model.zip"));
                b[b.length / 2] ^= 0x01;
                Files.write(d.resolve("model.zip"), b);
            }, (d, msg) -> {
                try {
                    String actual = sha256(Files.readAllBytes(Path.of(d, "model.zip")));
                    String recorded = JSON.readTree(Path.of(d, "manifest.json").toFile()).get("sha256").asText();
                    return msg.equals(d + "/model.zip does not match its manifest " + d + "/manifest.json: sha256 "
                            + actual + ", manifest says " + recorded + "; the file was changed or damaged, refusing to load it");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }),
            new Damage("truncated model.zip, checksum recorded", d -> {
                byte[] b = Files.readAllBytes(d.resolve("model.zip"));
                byte[] cut = Arrays.copyOf(b, b.length / 2);
                Files.write(d.resolve("model.zip"), cut);
                setManifest(d, "sha256", "\"" + sha256(cut) + "\"");
            }, (d, msg) -> msg.startsWith(d + "/model.zip matches its manifest's sha256 but is not a loadable model (")
                    && msg.endsWith("); it was cut short or damaged before the manifest was written, refusing to load it")),
            new Damage("manifest of another format version", d -> setManifest(d, "format_version", "2"),
                    exactly(d -> "manifest " + d + "/manifest.json has format_version 2; this sparkact reads "
                            + "format_version 1 only, refusing to load " + d + "/model.zip")),
            new Damage("manifest without format version", d -> setManifest(d, "format_version", "null"),
                    exactly(d -> "manifest " + d + "/manifest.json has format_version null; this sparkact reads "
                            + "format_version 1 only, refusing to load " + d + "/model.zip")),
            new Damage("unparseable manifest", d -> {
                String text = Files.readString(d.resolve("manifest.json"));
                Files.writeString(d.resolve("manifest.json"), text.substring(0, text.length() / 2));
            }, (d, msg) -> msg.startsWith("manifest " + d + "/manifest.json is not a JSON object (line ")
                    && msg.endsWith("); it was damaged or not written by sparkact, refusing to load " + d + "/model.zip")),
            new Damage("missing model.zip", d -> Files.delete(d.resolve("model.zip")),
                    exactly(d -> d + "/model.zip does not exist")),
            // score never gets here: a model directory without a manifest is not a model (see below)
            new Damage("missing manifest", d -> Files.delete(d.resolve("manifest.json")),
                    exactly(d -> d + "/manifest.json does not exist")));
    }

    /** Copies the trained output to {@code to} (model/, metrics.json, _SUCCESS). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static String id(Damage d) {
        return d.name().replaceAll("[^A-Za-z0-9]+", "_");
    }

    static Stream<Damage> scoreDamages() {
        return damages().filter(d -> !d.name().equals("missing manifest"));
    }

    /** The model path given to score holds no manifest: not a model, so a usage error (exit 2) naming the key. */
    @org.junit.jupiter.api.Test
    void scoreOfADirectoryWithoutManifestIsAUsageError() throws IOException {
        Path model = dir.resolve("score-no-manifest/model");
        copyTree(trained, model);
        Files.delete(model.resolve("model/manifest.json"));
        Path out = dir.resolve("score-no-manifest/out");
        CliRunner.Result r = CliRunner.run("score", "--set", "input.format=csv", "--set", "model=" + model,
                "--set", "input.path=" + rows, "--set", "output=" + out);
        assertEquals(Main.USAGE, r.code, r.toString());
        assertEquals("sparkact score: config key model given invalid value '" + model + "': it holds no manifest.json "
                + "(looked for " + model + "/manifest.json and " + model + "/model/manifest.json); allowed: a train "
                + "output or model directory, registry:NAME@champion or registry:NAME@N\nRun 'sparkact score --help' "
                + "for usage.\n", r.err);
        assertFalse(Files.exists(out), "nothing written");
    }

    @ParameterizedTest(name = "score: {0}")
    @MethodSource("scoreDamages")
    void scoreRefusesADamagedModelAndWritesNothingFinished(Damage damage) throws IOException {
        Path model = dir.resolve("score-" + id(damage) + "/model");
        copyTree(trained, model);
        damage.damage().apply(model.resolve("model"));
        Path out = dir.resolve("score-" + id(damage) + "/out");
        CliRunner.Result r = CliRunner.run("score", "--set", "input.format=csv", "--set", "model=" + model,
                "--set", "input.path=" + rows, "--set", "output=" + out);
        assertEquals(Main.FAILURE, r.code, r.toString());
        String first = r.err.lines().findFirst().orElse("");
        System.out.println("score, " + damage + ": " + first); // the refusal, for the build log
        String prefix = "sparkact score failed: java.io.IOException: ";
        assertTrue(first.startsWith(prefix), first);
        assertTrue(damage.message().matches(model.resolve("model").toString(), first.substring(prefix.length())), first);
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "no finished-looking output");
        assertFalse(Files.exists(out.resolve("scores")), "nothing scored");
    }

    @ParameterizedTest(name = "retrain warm start: {0}")
    @MethodSource("damages")
    void retrainRefusesADamagedChampionBeforeClaimingAVersion(Damage damage) throws IOException {
        Path root = dir.resolve("registry-" + id(damage));
        Path v1 = root.resolve("ctr/versions/1");
        Files.createDirectories(v1);
        for (String f : List.of("model.zip", "manifest.json")) {
            Files.copy(trained.resolve("model/" + f), v1.resolve(f));
        }
        Files.copy(trained.resolve("metrics.json"), v1.resolve("metrics.json"));
        Files.write(v1.resolve("_SUCCESS"), new byte[0]);
        Path alias = root.resolve("ctr/aliases/champion");
        Files.createDirectories(alias.getParent());
        Files.writeString(alias, "1");
        damage.damage().apply(v1);

        CliRunner.Result r = CliRunner.run("retrain", "--config", conf(), "--set", "registry.root=" + root,
                "--set", "input.train=" + dir.resolve("train"), "--set", "input.valid=" + dir.resolve("valid"),
                "--set", "training.epochs=1");
        assertEquals(Main.FAILURE, r.code, r.toString());
        String first = r.err.lines().findFirst().orElse("");
        System.out.println("retrain, " + damage + ": " + first); // the refusal, for the build log
        String prefix = "sparkact retrain failed: java.io.IOException: ";
        assertTrue(first.startsWith(prefix), first);
        assertTrue(damage.message().matches(v1.toString(), first.substring(prefix.length())), first);
        assertEquals("1", Files.readString(alias), "the champion alias is untouched");
        assertFalse(Files.exists(root.resolve("ctr/versions/2")), "no new version");
        assertFalse(Files.exists(root.resolve("ctr/claims")), "no version number claimed");
        assertFalse(Files.exists(root.resolve("ctr/decisions")), "no decision recorded");
        assertEquals("", Files.readString(v1.resolve("_SUCCESS"), StandardCharsets.UTF_8));
    }
}
