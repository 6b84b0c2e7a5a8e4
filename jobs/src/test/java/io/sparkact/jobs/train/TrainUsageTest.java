package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code sparkact train}: exit 2 and a message naming the key, value or path, and what is allowed. */
class TrainUsageTest {

    private static final String HINT = "Run 'sparkact train --help' for usage.\n";

    private static LocalSpark spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(); // only the missing-path case gets as far as Spark
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static CliRunner.Result train(String... sets) {
        String[] args = new String[1 + 2 * sets.length];
        args[0] = "train";
        for (int i = 0; i < sets.length; i++) {
            args[1 + 2 * i] = "--set";
            args[2 + 2 * i] = sets[i];
        }
        return CliRunner.run(args);
    }

    private static void assertUsage(String message, CliRunner.Result r) {
        assertEquals(Main.USAGE, r.code, r.toString());
        assertEquals("sparkact train: " + message + "\n" + HINT, r.err);
        assertEquals("", r.out);
    }

    @Test
    void unknownKeyOnTheCommandLineSuggestsTheClosest() {
        assertUsage("unknown config key 'model.activaton' (--set model.activaton); did you mean 'model.activation'? "
                + "Run 'sparkact train --help' for the valid keys.",
                train("output=o", "input.train=t", "input.valid=v", "model.activaton=relu"));
    }

    @Test
    void unknownKeyInTheConfigFileNamesFileAndLine() throws Exception {
        Path conf = dir.resolve("typo.conf");
        Files.writeString(conf, "# a typo on line 2\ntrainig.epochs = 2\n");
        CliRunner.Result r = CliRunner.run("train", "--config", conf.toString());
        assertUsage("unknown config key 'trainig.epochs' (" + conf + " line 2); did you mean 'training.epochs'? "
                + "Run 'sparkact train --help' for the valid keys.", r);
    }

    @Test
    void malformedActivationSpecShowsTheForm() {
        assertUsage("config key model.activation given invalid value 'relu('; malformed activation spec 'relu('; expected name or name(key=value,...), e.g. lrelu6(alpha=0.02)",
                train("output=o", "input.train=t", "input.valid=v", "model.activation=relu("));
    }

    @Test
    void unknownActivationListsTheValidNames() {
        assertUsage("config key model.activation given invalid value 'relux'; unknown activation 'relux' in spec 'relux'; valid names: "
                        + String.join(", ", ActivationCatalog.standard().names()),
                train("output=o", "input.train=t", "input.valid=v", "model.activation=relux"));
    }

    @Test
    void missingInputPathIsNamed() throws Exception {
        Path valid = new CriteoCsv(CriteoCsv.COLUMNS).addGood(new Random(1), 10).writeTo(dir.resolve("valid.csv"));
        Path missing = dir.resolve("no-such-train");
        Path out = dir.resolve("never-written");
        assertUsage("input path " + missing + " does not exist",
                train("output=" + out, "input.train=" + missing, "input.valid=" + valid, "input.format=csv"));
        assertFalse(Files.exists(out), "nothing is written for a usage error");
    }

    @Test
    void finishedOutputIsNotReplacedWithoutOverwrite() throws Exception {
        Path out = dir.resolve("finished");
        Files.createDirectories(out);
        Files.writeString(out.resolve("_SUCCESS"), "");
        assertUsage("output " + out + " already holds a finished result (_SUCCESS); choose another output or "
                + "--set overwrite=true", train("output=" + out, "input.train=t", "input.valid=v"));
        assertEquals("", Files.readString(out.resolve("_SUCCESS")));
    }
}
