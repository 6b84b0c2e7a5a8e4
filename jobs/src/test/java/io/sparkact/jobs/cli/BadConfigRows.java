package io.sparkact.jobs.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad-configuration table: for every config key of every job, bad values and the exact message each must
 * give. Keys shared by several jobs (the input, features, model and training groups) have one entry in
 * {@link #COMMON}; a job's own keys, or a shared name that means something else in that job, are in
 * {@link #BY_JOB}. {@link BadConfigTableTest} fails for a key without a {@link Kind#TYPE} row, and for a key with
 * a range or a list of choices without a {@link Kind#RANGE} row, so a new key cannot be forgotten.
 *
 * <p>The allowed texts are written out here from each key's declaration (its type and range); the test puts
 * them into the one sentence form of the contract: "config key K given invalid value 'V' (WHERE); allowed: A".
 */
final class BadConfigRows {

    private BadConfigRows() {
    }

    /** Wrong type; out of range or not among the choices; a value the job's own check refuses. */
    enum Kind { TYPE, RANGE, VALUE }

    /**
     * One bad value: given with --set (or, when {@code hocon}, as the only line of a --config file) and either
     * the allowed text of a load-time error or, for {@link Kind#VALUE}, the whole message.
     *
     * @param shown how the message quotes the value (HOCON values are rendered compactly)
     */
    record Bad(Kind kind, boolean hocon, String value, String shown, String allowed, String message) { }

    static Bad type(String value, String allowed) {
        return new Bad(Kind.TYPE, false, value, value, allowed, null);
    }

    /** A wrong type only a HOCON file can express (a list or object where a string is expected). */
    static Bad typeInFile(String hocon, String shown, String allowed) {
        return new Bad(Kind.TYPE, true, hocon, shown, allowed, null);
    }

    static Bad range(String value, String allowed) {
        return new Bad(Kind.RANGE, false, value, value, allowed, null);
    }

    static Bad value(String value, String message) {
        return new Bad(Kind.VALUE, false, value, value, null, message);
    }

    static final String STRING = "a string";
    static final String REQUIRED_STRING = "a non-empty string";
    static final String STRINGS = "a list of strings, e.g. [\"a\", \"b\"] (with --set: a,b)";
    static final String BOOL = "true or false";
    static final String HIDDEN = "a list of integers each 1 <= x <= 65536, e.g. [256, 128] (with --set: 256,128)";
    static final String DELIMITER = "input.schema.delimiter given invalid value 'ab'; allowed: a single character "
            + "other than a double quote or a line break";
    static final String MALFORMED_SPEC = "malformed activation spec 'relu('; expected name or name(key=value,...), e.g. "
            + "lrelu6(alpha=0.02)";

    static List<Bad> string(boolean required) {
        return required
                ? List.of(typeInFile("[1, 2]", "[1,2]", REQUIRED_STRING), range("", REQUIRED_STRING))
                : List.of(typeInFile("[1, 2]", "[1,2]", STRING));
    }

    static List<Bad> strings() {
        return List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS), type("a,,b", STRINGS));
    }

    static List<Bad> bool() {
        return List.of(type("maybe", BOOL));
    }

    /** Keys shared by several jobs, with the same type and rule everywhere they appear. */
    static final Map<String, List<Bad>> COMMON = Map.ofEntries(
        Map.entry("output", string(true)),
        Map.entry("input.train", string(true)),
        Map.entry("input.valid", string(true)),
        Map.entry("input.format", List.of(typeInFile("[csv]", "[\"csv\"]", "one of: parquet, criteo, csv"),
                range("tsv", "one of: parquet, criteo, csv"))),
        Map.entry("input.max_bad_fraction", List.of(type("lots", "a number, 0 <= input.max_bad_fraction <= 1"),
                range("1.5", "a number, 0 <= input.max_bad_fraction <= 1"),
                range("NaN", "a number, 0 <= input.max_bad_fraction <= 1"))),
        Map.entry("input.schema.label", List.of(typeInFile("[label]", "[\"label\"]", STRING),
                value("I1", "input.schema.numeric given invalid value 'I1'; allowed: each column in at most one role "
                        + "(label, numeric, categorical, sequence, id)"))),
        Map.entry("input.schema.numeric", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS), type("a,,b", STRINGS),
                value("label", "input.schema.numeric given invalid value 'label'; allowed: each column in at most one "
                        + "role (label, numeric, categorical, sequence, id)"))),
        Map.entry("input.schema.categorical", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                type("a,,b", STRINGS), value("I1", "input.schema.categorical given invalid value 'I1'; allowed: each "
                        + "column in at most one role (label, numeric, categorical, sequence, id)"))),
        Map.entry("input.schema.sequence", strings()),
        Map.entry("input.schema.id", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS), type("a,,b", STRINGS),
                value("C1", "input.schema.id given invalid value 'C1'; allowed: each column in at most one role "
                        + "(label, numeric, categorical, sequence, id)"))),
        Map.entry("input.schema.delimiter", List.of(typeInFile("[\",\"]", "[\",\"]", STRING), value("ab", DELIMITER))),
        Map.entry("input.schema.header", bool()),
        Map.entry("features.hash_buckets", List.of(type("1e5", "an integer, 2 <= features.hash_buckets <= 268435456"),
                range("1", "an integer, 2 <= features.hash_buckets <= 268435456"),
                range("268435457", "an integer, 2 <= features.hash_buckets <= 268435456"))),
        Map.entry("features.numeric_buckets", List.of(type("32.5", "an integer, 0 <= features.numeric_buckets <= 10000"),
                range("-1", "an integer, 0 <= features.numeric_buckets <= 10000"),
                range("10001", "an integer, 0 <= features.numeric_buckets <= 10000"))),
        Map.entry("features.numeric_transform", List.of(
                typeInFile("[log1p]", "[\"log1p\"]", "one of: log1p, standardize, none"),
                range("log", "one of: log1p, standardize, none"))),
        Map.entry("model.type", List.of(typeInFile("[dnn]", "[\"dnn\"]", "one of: dnn, deepfm, din"),
                range("mlp", "one of: dnn, deepfm, din"))),
        Map.entry("model.attention_activation", List.of(typeInFile("[dice]", "[\"dice\"]", STRING))),
        Map.entry("model.attention_hidden", List.of(type("36,wide", HIDDEN), range("0", HIDDEN), range("65537", HIDDEN))),
        Map.entry("input.schema.sequence_candidate", strings()),
        Map.entry("input.schema.max_sequence_length", List.of(
                type("long", "an integer, 1 <= input.schema.max_sequence_length <= 1000"),
                range("0", "an integer, 1 <= input.schema.max_sequence_length <= 1000"),
                range("1001", "an integer, 1 <= input.schema.max_sequence_length <= 1000"))),
        Map.entry("model.activation", List.of(typeInFile("[relu]", "[\"relu\"]", STRING),
                value("relu(", "config key model.activation given invalid value 'relu('; " + MALFORMED_SPEC))),
        Map.entry("model.hidden", List.of(type("64,wide", HIDDEN), range("64,0", HIDDEN), range("65537", HIDDEN))),
        Map.entry("model.embedding_dim", List.of(type("16.5", "an integer, 1 <= model.embedding_dim <= 1024"),
                range("0", "an integer, 1 <= model.embedding_dim <= 1024"))),
        Map.entry("model.dropout", List.of(type("half", "a number, 0 <= model.dropout < 1"),
                range("1", "a number, 0 <= model.dropout < 1"))),
        Map.entry("training.master", List.of(typeInFile("[sharing]", "[\"sharing\"]", "one of: averaging, sharing"),
                range("avg", "one of: averaging, sharing"))),
        Map.entry("training.epochs", List.of(type("three", "an integer, 1 <= training.epochs <= 1000"),
                range("0", "an integer, 1 <= training.epochs <= 1000"),
                range("1001", "an integer, 1 <= training.epochs <= 1000"))),
        Map.entry("training.batch_size", List.of(type("512.0", "an integer, 1 <= training.batch_size <= 1048576"),
                range("0", "an integer, 1 <= training.batch_size <= 1048576"))),
        Map.entry("training.learning_rate", List.of(type("fast", "a number, 0 < training.learning_rate <= 10"),
                range("0", "a number, 0 < training.learning_rate <= 10"),
                range("Infinity", "a number, 0 < training.learning_rate <= 10"))),
        Map.entry("training.l2", List.of(type("none", "a number, 0 <= training.l2 <= 1"),
                range("-1e-4", "a number, 0 <= training.l2 <= 1"))),
        Map.entry("training.mba_l2", List.of(type("strong", "a number, 0 <= training.mba_l2 <= 100"),
                range("-0.4", "a number, 0 <= training.mba_l2 <= 100"))),
        Map.entry("training.embedding_updater", List.of(typeInFile("[adagrad]", "[\"adagrad\"]", "one of: adam, adagrad"),
                range("sgd", "one of: adam, adagrad"))),
        Map.entry("training.embedding_learning_rate", List.of(
                type("fast", "a number, 0 < training.embedding_learning_rate <= 10"),
                range("0", "a number, 0 < training.embedding_learning_rate <= 10"),
                range("11", "a number, 0 < training.embedding_learning_rate <= 10"),
                // with the default updater (adam) the rate would be ignored
                value("0.1", "config key training.embedding_learning_rate given invalid value '0.1'; allowed: 0.05 "
                        + "(the default) with training.embedding_updater=adam, whose tables train at "
                        + "training.learning_rate; set training.embedding_updater=adagrad to use it"))),
        Map.entry("training.lr_decay", List.of(type("half", "a number, 0 < training.lr_decay <= 1"),
                range("0", "a number, 0 < training.lr_decay <= 1"),
                range("1.5", "a number, 0 < training.lr_decay <= 1"))),
        Map.entry("training.averaging_frequency", List.of(type("often", "an integer, 1 <= training.averaging_frequency <= 10000"),
                range("0", "an integer, 1 <= training.averaging_frequency <= 10000"),
                range("10001", "an integer, 1 <= training.averaging_frequency <= 10000"))),
        Map.entry("training.seed", List.of(type("0x2a", "an integer, training.seed finite"),
                range("9223372036854775808", "an integer, training.seed finite"))),
        Map.entry("training.patience", List.of(type("never", "an integer, 0 <= training.patience <= 1000"),
                range("-1", "an integer, 0 <= training.patience <= 1000"))),
        Map.entry("overwrite", bool()),
        Map.entry("registry.root", string(true)));

    /** Keys of one job only, or shared names whose type or rule differs in that job. */
    static final Map<String, Map<String, List<Bad>>> BY_JOB = byJob();

    private static Map<String, Map<String, List<Bad>>> byJob() {
        Map<String, Map<String, List<Bad>>> m = new HashMap<>();
        m.put("quickstart", Map.of(
            "output", string(false),
            "rows", List.of(type("many", "an integer, 100 <= rows <= 1000000000"),
                    range("99", "an integer, 100 <= rows <= 1000000000")),
            "activations", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS), type("relu,,dice", STRINGS),
                    value("relu,relu(", "config key activations given invalid value 'relu('; " + MALFORMED_SPEC))));
        m.put("generate", Map.ofEntries(
            Map.entry("rows", List.of(type("1e6", "an integer"),
                    value("0", "generate parameter rows given invalid value 0; allowed: rows >= 1"))),
            Map.entry("valid_fraction", List.of(type("a fifth", "a number"),
                    value("1", "generate parameter valid_fraction given invalid value 1; allowed: 0 < valid_fraction < 1"))),
            Map.entry("seed", List.of(type("1.5", "an integer"))),
            Map.entry("format", List.of(typeInFile("[criteo]", "[\"criteo\"]", "one of: parquet, criteo"),
                    range("csv", "one of: parquet, criteo"))),
            Map.entry("numeric_fields", List.of(type("ten", "an integer"), value("101",
                    "generate parameter numeric_fields given invalid value 101; allowed: 0 <= numeric_fields <= 100"))),
            Map.entry("categorical_fields", List.of(type("ten", "an integer"), value("-1",
                    "generate parameter categorical_fields given invalid value -1; allowed: 0 <= categorical_fields <= 100"))),
            Map.entry("cardinalities", List.of(type("10,many", "a list of integers, e.g. [256, 128] (with --set: 256,128)"),
                    value("0", "generate parameter cardinalities given invalid value 0; allowed: cardinalities >= 1"),
                    value("5,6", "generate parameter cardinalities given invalid value [5, 6] (2 values); allowed: one "
                            + "value for all fields, or categorical_fields = 26 values"))),
            Map.entry("click_rate", List.of(type("high", "a number"), value("0.6",
                    "generate parameter click_rate given invalid value 0.6; allowed: 0.01 <= click_rate <= 0.5"))),
            Map.entry("missing_rate", List.of(type("some", "a number"), value("0.75",
                    "generate parameter missing_rate given invalid value 0.75; allowed: 0 <= missing_rate <= 0.5"))),
            Map.entry("partitions", List.of(type("auto", "an integer"), value("100001",
                    "generate parameter partitions given invalid value 100001; allowed: 0 <= partitions <= 100000"))),
            Map.entry("sequence", List.of(type("maybe", BOOL)))));
        m.put("train", Map.of("training.checkpoint", bool()));
        m.put("sweep", Map.ofEntries(
            Map.entry("sweep.activations", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS), type("relu,,dice", STRINGS),
                    value("[]", "config key sweep.activations given invalid value '[]'; allowed: at least one activation spec"))),
            Map.entry("sweep.seeds", List.of(type("1,two", "a list of integers each x finite, e.g. [256, 128] (with --set: 256,128)"),
                    range("1,3000000000", "a list of integers each x finite, e.g. [256, 128] (with --set: 256,128)"))),
            Map.entry("sweep.strategy", List.of(typeInFile("[grid]", "[\"grid\"]", "one of: grid, random, halving"),
                    range("bayes", "one of: grid, random, halving"))),
            Map.entry("sweep.learning_rate", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                    value("0.01,fast", "config key sweep.learning_rate given invalid value '[0.01, fast]'; allowed: a list "
                            + "of numbers, or a range: uniform, log_uniform (lo > 0) or int followed by lo and hi with lo <= hi"),
                    value("0.01,20", "config key sweep.learning_rate given invalid value '[0.01, 20]'; allowed: a number, "
                            + "0 < training.learning_rate <= 10, for each value and both ends of a range"))),
            Map.entry("sweep.l2", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                    value("-1", "config key sweep.l2 given invalid value '[-1]'; allowed: a number, 0 <= training.l2 <= 1, "
                            + "for each value and both ends of a range"))),
            Map.entry("sweep.dropout", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                    value("0.1,1", "config key sweep.dropout given invalid value '[0.1, 1]'; allowed: a number, "
                            + "0 <= model.dropout < 1, for each value and both ends of a range"))),
            Map.entry("sweep.batch_size", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                    value("64,96.5", "config key sweep.batch_size given invalid value '[64, 96.5]'; allowed: a list of "
                            + "integers or [int, lo, hi]"))),
            Map.entry("sweep.embedding_dim", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                    value("8,2048", "config key sweep.embedding_dim given invalid value '[8, 2048]'; allowed: an integer, "
                            + "1 <= model.embedding_dim <= 1024, for each value and both ends of a range"))),
            Map.entry("sweep.trials", List.of(type("all", "an integer, 1 <= sweep.trials <= 100000"),
                    range("0", "an integer, 1 <= sweep.trials <= 100000"))),
            Map.entry("sweep.random_seed", List.of(type("x", "an integer, sweep.random_seed finite"),
                    range("-9223372036854775809", "an integer, sweep.random_seed finite"))),
            Map.entry("sweep.execution", List.of(
                    typeInFile("[auto]", "[\"auto\"]", "one of: auto, trial-parallel, data-parallel"),
                    range("parallel", "one of: auto, trial-parallel, data-parallel"))),
            Map.entry("sweep.max_trial_rows", List.of(type("1e5", "an integer, 1 <= sweep.max_trial_rows <= 1000000000"),
                    range("0", "an integer, 1 <= sweep.max_trial_rows <= 1000000000"))),
            Map.entry("sweep.parallelism", List.of(type("max", "an integer, 0 <= sweep.parallelism <= 10000"),
                    range("10001", "an integer, 0 <= sweep.parallelism <= 10000"))),
            Map.entry("sweep.retry_failed", bool()),
            Map.entry("sweep.halving.eta", List.of(type("3.5", "an integer, 2 <= sweep.halving.eta <= 100"),
                    range("1", "an integer, 2 <= sweep.halving.eta <= 100"))),
            Map.entry("sweep.halving.min_epochs", List.of(type("one", "an integer, 1 <= sweep.halving.min_epochs <= 1000"),
                    range("0", "an integer, 1 <= sweep.halving.min_epochs <= 1000"))),
            Map.entry("sweep.halving.max_epochs", List.of(type("nine", "an integer, 1 <= sweep.halving.max_epochs <= 1000"),
                    range("1001", "an integer, 1 <= sweep.halving.max_epochs <= 1000")))));
        m.put("retrain", Map.of(
            "registry.name", List.of(typeInFile("[1, 2]", "[1,2]", STRING), value("../x", "registry.name given invalid "
                    + "value '../x'; allowed: letters, digits, '.', '_' and '-', starting with a letter or digit")),
            "registry.keep", List.of(type("all", "an integer, 1 <= registry.keep <= 100000"),
                    range("0", "an integer, 1 <= registry.keep <= 100000")),
            "input.train", List.of(typeInFile("[1, 2]", "[1,2]", STRING), value("", "config key input.train is required: "
                    + "the new window of training data: file, directory or glob, e.g. data/day=2026-11-2[0-2] (required "
                    + "unless --rollback); give it in the --config file or with --set input.train=...")),
            "input.valid", List.of(typeInFile("[1, 2]", "[1,2]", STRING), value("", "config key input.valid is required: "
                    + "holdout on which champion and challenger are compared (required unless --rollback); give it in "
                    + "the --config file or with --set input.valid=...")),
            "gate.auc_tolerance", List.of(type("small", "a number, 0 <= gate.auc_tolerance <= 1"),
                    range("2", "a number, 0 <= gate.auc_tolerance <= 1")),
            "gate.logloss_tolerance", List.of(type("small", "a number, 0 <= gate.logloss_tolerance <= 10"),
                    range("-0.1", "a number, 0 <= gate.logloss_tolerance <= 10")),
            "gate.calibration_range", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS),
                    value("0.9,x", "config key gate.calibration_range given invalid value [0.9, x]; allowed: two numbers "
                            + "[low, high] with 0 < low <= 1 <= high, e.g. [0.9, 1.1]"))));
        m.put("score", Map.of(
            "model", List.of(typeInFile("[1, 2]", "[1,2]", REQUIRED_STRING), range("", REQUIRED_STRING),
                    value("registry:ctr", "config key model given invalid value 'registry:ctr'; allowed: a train output "
                            + "or model directory, registry:NAME@champion or registry:NAME@N")),
            "registry.root", List.of(typeInFile("[1, 2]", "[1,2]", STRING)),
            "input.path", string(true),
            "score.batch_size", List.of(type("1k", "an integer, 1 <= score.batch_size <= 1048576"),
                    range("1048577", "an integer, 1 <= score.batch_size <= 1048576"))));
        m.put("report", Map.of(
            "report.inputs", List.of(typeInFile("{ a = 1 }", "{\"a\":1}", STRINGS), type("a,,b", STRINGS)),
            "report.title", string(false)));
        return m;
    }

    /** One unknown key per job and the key it should suggest. */
    static final Map<String, String[]> UNKNOWN = Map.of(
        "quickstart", new String[] {"activation", "activations"},
        "generate", new String[] {"row", "rows"},
        "train", new String[] {"training.epoch", "training.epochs"},
        "sweep", new String[] {"sweep.activation", "sweep.activations"},
        "retrain", new String[] {"registry.roots", "registry.root"},
        "score", new String[] {"score.batchsize", "score.batch_size"},
        "report", new String[] {"report.titel", "report.title"});

    /** The rows of {@code key} in {@code job}: the job's own entry, else the shared one; null when none. */
    static List<Bad> of(String job, String key) {
        Map<String, List<Bad>> own = BY_JOB.getOrDefault(job, Map.of());
        return own.containsKey(key) ? own.get(key) : COMMON.get(key);
    }
}
