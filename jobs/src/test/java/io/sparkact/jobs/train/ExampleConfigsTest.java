package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.sparkact.data.synth.SyntheticData;
import io.sparkact.jobs.config.CommonKeys;
import io.sparkact.jobs.config.ConfigKey;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.retrain.RetrainJob;
import io.sparkact.jobs.sweep.SweepJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example configs in conf/: every one is a valid train config, and the named ones say what their comments promise. */
class ExampleConfigsTest {

    /**
     * conf/*.conf files that are not train configs: includes and other tools' files (Spark's spark-defaults.conf
     * is a properties file, not HOCON). A new example is checked unless it is listed here.
     */
    static final Set<String> NOT_TRAIN_CONFIGS = Set.of("spark-defaults.conf");

    /** conf/*.conf files of other jobs, checked against their job's schema instead of train's. */
    static final Map<String, ConfigSchema> OTHER_JOBS = Map.of("retrain.conf", RetrainJob.SCHEMA,
            "dying-relu.conf", SweepJob.SCHEMA);

    static Path conf() {
        return TrainFiles.repoRoot().resolve("conf");
    }

    /**
     * Loads a conf file against its job's schema: {@link #OTHER_JOBS}, sweep's for every sweep-*.conf, else train's.
     */
    static JobConfig load(Path file) {
        String name = file.getFileName().toString();
        ConfigSchema fallback = name.startsWith("sweep-") ? SweepJob.SCHEMA : TrainJob.SCHEMA;
        return load(file, OTHER_JOBS.getOrDefault(name, fallback));
    }

    /** Loads a conf file against {@code schema}, with placeholders for the required keys it leaves out. */
    static JobConfig load(Path file, ConfigSchema schema) {
        Config parsed = ConfigFactory.parseFile(file.toFile());
        Map<String, String> missing = new HashMap<>();
        for (ConfigKey k : schema.keys()) {
            if (k.required() && !parsed.hasPath(k.name())) {
                missing.put(k.name(), "placeholder/" + k.name());
            }
        }
        return JobConfig.load(schema, file.toString(), missing);
    }

    @Test
    void everyExampleLoadsAgainstTheTrainSchema() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(conf())) {
            s.filter(p -> p.getFileName().toString().endsWith(".conf"))
                    .filter(p -> !NOT_TRAIN_CONFIGS.contains(p.getFileName().toString())).sorted().forEach(files::add);
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("criteo.conf", "csv-criteo-header.conf", "local-cluster.conf",
                "quickstart.conf", "retrain.conf", "sweep-activations.conf")), names.toString());
        for (Path f : files) {
            load(f); // throws UsageException naming file, line, key and value on the first problem
        }
    }

    @Test
    void quickstartTrainsOnWhatGenerateWritesToOutQuickstart() {
        JobConfig c = load(conf().resolve("quickstart.conf"));
        assertEquals("out/quickstart/train", c.string("input.train"));
        assertEquals("out/quickstart/valid", c.string("input.valid"));
        assertEquals("parquet", c.string("input.format"));
        assertTrue(c.string("output").startsWith("out/quickstart/"), c.string("output"));
    }

    @Test
    void criteoReadsTheTsvFiles() {
        JobConfig c = load(conf().resolve("criteo.conf"));
        assertEquals("criteo", c.string("input.format"));
        assertEquals("data/criteo/train.txt", c.string("input.train"));
        assertEquals("data/criteo/valid.txt", c.string("input.valid"));
    }

    @Test
    void retrainKeepsAWeekAndGatesWithTheDocumentedDefaults() {
        JobConfig c = load(conf().resolve("retrain.conf"));
        assertEquals("ctr", c.string("registry.name"));
        assertEquals(7, c.integer("registry.keep"));
        assertEquals(List.of("0.9", "1.1"), c.strings("gate.calibration_range"));
        assertEquals(0.002, c.real("gate.auc_tolerance"));
        // the quickstart's generated data, so the example runs after 'bin/sparkact generate' as written there
        assertEquals(load(conf().resolve("quickstart.conf")).string("input.train"), c.string("input.train"));
    }

    @Test
    void sweepActivationsIsTheTwentyFourTrialGridOnQuickstartData() {
        JobConfig c = load(conf().resolve("sweep-activations.conf"));
        assertEquals("out/quickstart/train", c.string("input.train"));
        assertEquals(6, c.strings("sweep.activations").size());
        assertEquals(List.of("0.001", "0.003"), c.strings("sweep.learning_rate"));
        assertEquals(List.of(1, 2), c.ints("sweep.seeds"));
        assertEquals("grid", c.string("sweep.strategy"));
    }

    @Test
    void dyingReluIsTheReadmesGrid() {
        // README "Dying ReLU, measured": relu, lrelu, lrelu6, elu x Adam 0.001, 0.01, 0.03, one seed, 3 epochs
        JobConfig c = load(conf().resolve("dying-relu.conf"));
        assertEquals(List.of("relu", "lrelu", "lrelu6", "elu"), c.strings("sweep.activations"));
        assertEquals(List.of("0.001", "0.01", "0.03"), c.strings("sweep.learning_rate"));
        assertEquals(List.of(1), c.ints("sweep.seeds"));
        assertEquals(3, c.integer("training.epochs"));
        assertEquals("out/dying-relu/data/train", c.string("input.train"));
    }

    @Test
    void dinGeneratedReadsWhatGenerateWritesWithASequence() {
        // generate names numeric columns I1..In and categorical C1..Cm (SyntheticRows.schema); its header comment
        // generates numeric_fields=2, categorical_fields=3, sequence=on into out/din
        JobConfig c = load(conf().resolve("din-generated.conf"));
        assertEquals("din", c.string("model.type"));
        assertEquals("out/din/train", c.string("input.train"));
        assertEquals("out/din/valid", c.string("input.valid"));
        assertEquals(List.of("I1", "I2"), c.strings("input.schema.numeric"));
        assertEquals(List.of("C1", "C2", "C3", SyntheticData.ITEM, SyntheticData.ITEM_CAT),
                c.strings("input.schema.categorical"));
        assertEquals(List.of(SyntheticData.HIST_ITEM, SyntheticData.HIST_CAT), c.strings("input.schema.sequence"));
        assertEquals(List.of(SyntheticData.ITEM, SyntheticData.ITEM_CAT),
                c.strings("input.schema.sequence_candidate"));
        assertEquals("dice", c.string("model.attention_activation"));
    }

    /** The README's best measured recipe: deepfm, mini-batch aware L2 3, learning rate 0.005 decayed 0.7 per epoch. */
    @Test
    void deepfmGeneratedIsTheReadmesBestRecipe() {
        JobConfig c = load(conf().resolve("deepfm-generated.conf"));
        assertEquals("deepfm", c.string("model.type"));
        assertEquals("relu", c.string("model.activation"));
        assertEquals(3.0, c.real("training.mba_l2"));
        assertEquals(1e-4, c.real("training.l2"));
        assertEquals(0.005, c.real("training.learning_rate"));
        assertEquals(0.7, c.real("training.lr_decay"));
        assertEquals(6, c.integer("training.epochs"));
        assertEquals(1, c.integer("training.patience"));
        // averaging: lr_decay is refused with sharing
        assertEquals("averaging", c.string("training.master"));
        assertEquals("out/gen300k/train", c.string("input.train"));
        assertEquals("out/gen300k/valid", c.string("input.valid"));
    }

    @Test
    void localClusterUsesParameterAveraging() {
        assertEquals("averaging", load(conf().resolve("local-cluster.conf")).string("training.master"));
    }

    @Test
    void csvHeaderGivesOnlyTheSchema() {
        Path f = conf().resolve("csv-criteo-header.conf");
        Config parsed = ConfigFactory.parseFile(f.toFile());
        for (String k : List.of("output", "input.train", "input.valid")) {
            assertTrue(!parsed.hasPath(k), f + " must leave " + k + " to the command line");
        }
        for (String k : List.of("input.format", "input.schema.label", "input.schema.numeric",
                "input.schema.categorical", "input.schema.delimiter", "input.schema.header")) {
            assertTrue(parsed.hasPath(k), f + " must declare " + k + " itself, not rely on the default");
        }
        JobConfig c = load(f);
        assertEquals("csv", c.string("input.format"));
        assertEquals(",", c.string("input.schema.delimiter"));
        assertTrue(c.bool("input.schema.header"), f + ": input.schema.header must be true");
        assertEquals(CommonKeys.CRITEO_NUMERIC, c.strings("input.schema.numeric"));
        assertEquals(CommonKeys.CRITEO_CATEGORICAL, c.strings("input.schema.categorical"));
    }
}
