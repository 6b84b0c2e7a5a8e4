package io.sparkact.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.params.Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    static ConfigSchema schema() {
        ConfigSchema.Builder b = ConfigSchema.builder("train");
        CommonKeys.output(b);
        CommonKeys.model(b);
        CommonKeys.training(b);
        return b.string("input.train", null, "training data").build();
    }

    static String message(Runnable r) {
        return assertThrows(UsageException.class, r::run).getMessage();
    }

    @Test
    void defaultsFileAndSetInThatOrderOfPrecedence(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.conf");
        Files.writeString(f, "output = \"out/a\"\ninput.train = \"d/train\"\n"
                + "model { activation = \"lrelu6(alpha=0.02)\", hidden = [64, 32] }\ntraining.epochs = 5\n");
        JobConfig c = JobConfig.load(schema(), f.toString(), Map.of("training.epochs", "7", "model.hidden", "16,8"));
        assertEquals("out/a", c.string("output"));
        assertEquals("lrelu6(alpha=0.02)", c.string("model.activation"));
        assertEquals(List.of(16, 8), c.ints("model.hidden"));
        assertEquals(7, c.integer("training.epochs"));
        // the train job's defaults that differ from ARCHITECTURE.md, measured (README, "where the gap comes from")
        assertEquals(0.002, c.real("training.learning_rate"), 0.0);
        assertEquals(256, c.integer("training.batch_size"));
        assertEquals(4e-4, c.real("training.l2"), 0.0);
        assertEquals("averaging", c.string("training.master"));
        assertEquals(5, TrainRun.trainingSpec(c).averagingFrequency());
        assertEquals(2, TrainRun.trainingSpec(JobConfig.load(schema(), f.toString(),
                Map.of("training.averaging_frequency", "2"))).averagingFrequency(), "the key reaches the trainer");
    }

    @Test
    void renderedConfigLoadsBackToTheSameValues(@TempDir Path dir) throws Exception {
        JobConfig c = JobConfig.load(schema(), null, Map.of("output", "o", "input.train", "t",
                "model.activation", "dice(epsilon=1e-9,momentum=0.99)", "training.learning_rate", "0.01"));
        Path f = dir.resolve("best.conf");
        Files.writeString(f, c.render());
        assertEquals(c.values(), JobConfig.load(schema(), f.toString(), Map.of()).values());
    }

    @Test
    void unknownKeysSuggestTheNearestOne(@TempDir Path dir) throws Exception {
        assertEquals("unknown config key 'model.activaton' (--set model.activaton); did you mean 'model.activation'?"
                + " Run 'sparkact train --help' for the valid keys.",
                message(() -> JobConfig.load(schema(), null, Map.of("model.activaton", "relu"))));
        Path f = dir.resolve("b.conf");
        Files.writeString(f, "output = o\ninput.train = t\n\nepochs = 3\n");
        assertEquals("unknown config key 'epochs' (" + f + " line 4); did you mean 'training.epochs'?"
                + " Run 'sparkact train --help' for the valid keys.",
                message(() -> JobConfig.load(schema(), f.toString(), Map.of())));
        assertEquals("unknown config key 'zzz' (--set zzz). Run 'sparkact train --help' for the valid keys.",
                message(() -> JobConfig.load(schema(), null, Map.of("zzz", "1"))));
    }

    @Test
    void wrongTypeOrRangeNamesKeyValueWhereAndWhatIsAllowed(@TempDir Path dir) throws Exception {
        Map<String, String> base = Map.of("output", "o", "input.train", "t");
        assertEquals("config key training.epochs given invalid value 'three' (--set training.epochs); allowed: an "
                + "integer, 1 <= training.epochs <= 1000",
                message(() -> JobConfig.load(schema(), null, with(base, "training.epochs", "three"))));
        assertEquals("config key training.learning_rate given invalid value '-1' (--set training.learning_rate); "
                + "allowed: a number, 0 < training.learning_rate <= 10",
                message(() -> JobConfig.load(schema(), null, with(base, "training.learning_rate", "-1"))));
        assertEquals("config key training.master given invalid value 'avg' (--set training.master); allowed: one of:"
                + " averaging, sharing",
                message(() -> JobConfig.load(schema(), null, with(base, "training.master", "avg"))));
        Path f = dir.resolve("c.conf");
        Files.writeString(f, "output = o\ninput.train = t\nmodel.hidden = [64, 0]\n");
        assertEquals("config key model.hidden given invalid value '[64,0]' (" + f + " line 3); allowed: a list of "
                + "integers each 1 <= x <= 65536, e.g. [256, 128] (with --set: 256,128)",
                message(() -> JobConfig.load(schema(), f.toString(), Map.of())));
    }

    @Test
    void requiredKeyMissing() {
        assertEquals("config key input.train is required: training data; give it in the --config file or with "
                + "--set input.train=...", message(() -> JobConfig.load(schema(), null, Map.of("output", "o"))));
    }

    @Test
    void badFilesAreUsageErrors(@TempDir Path dir) throws Exception {
        assertTrue(message(() -> JobConfig.load(schema(), dir.resolve("none.conf").toString(), Map.of()))
                .endsWith("none.conf does not exist"));
        Path f = dir.resolve("broken.conf");
        Files.writeString(f, "model { hidden = [1, 2\n");
        assertTrue(message(() -> JobConfig.load(schema(), f.toString(), Map.of()))
                .startsWith("config file " + f + " is not valid HOCON: "));
    }

    @Test
    void helpListsEveryKeyWithDefaultAndRange() {
        String help = schema().help();
        assertTrue(help.contains("training.epochs              = 3"), help);
        assertTrue(help.contains("allowed: an integer, 1 <= training.epochs <= 1000"), help);
        assertTrue(help.contains("input.train                  (required)"), help);
    }

    @Test
    void didYouMeanStaysQuietForFarOffNames() {
        assertEquals(null, DidYouMean.closest("banana", List.of("training.epochs", "output")));
        assertEquals(3, DidYouMean.distance("kitten", "sitting")); // the classic example
        assertTrue(Range.closed(1, 2).contains(1));
    }

    static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> c = new java.util.HashMap<>(m);
        c.put(k, v);
        return c;
    }
}
