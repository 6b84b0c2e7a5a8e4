package io.sparkact.jobs.config;

import io.sparkact.data.FeatureSpec;
import io.sparkact.models.ModelSpec;
import io.sparkact.params.Range;
import io.sparkact.train.TrainingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The key groups shared by the jobs that read data and train (train, sweep, retrain, score), with the names and
 * defaults of the configuration contract in ARCHITECTURE.md. The default input schema matches what
 * {@code generate} writes (and Criteo's column names), so generated data trains without a schema section.
 */
public final class CommonKeys {

    /** I1..I13: Criteo's integer columns, and generate's default numeric fields. */
    public static final List<String> CRITEO_NUMERIC = numbered("I", 13);
    /** C1..C26: Criteo's categorical columns, and generate's default categorical fields. */
    public static final List<String> CRITEO_CATEGORICAL = numbered("C", 26);

    private CommonKeys() {
    }

    static List<String> numbered(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(prefix + i);
        }
        return List.copyOf(l);
    }

    public static ConfigSchema.Builder output(ConfigSchema.Builder b) {
        return b.string("output", null, "where the job writes (any Hadoop FileSystem URI)");
    }

    public static ConfigSchema.Builder input(ConfigSchema.Builder b) {
        return inputRows(b.string("input.train", null, "training data: file, directory or glob")
                .string("input.valid", null, "validation data: file, directory or glob"));
    }

    /** How rows are read, without the paths: format, bad-row limit and schema (train, retrain and score). */
    public static ConfigSchema.Builder inputRows(ConfigSchema.Builder b) {
        return b.choice("input.format", "parquet", List.of("parquet", "criteo", "csv"),
                        "parquet | criteo (TSV, no header, fixed schema) | csv")
                .real("input.max_bad_fraction", 0.001, Range.closed(0, 1),
                        "fraction of malformed rows above which the job fails (after writing the quarantine)")
                .string("input.schema.label", "label", "label column (0/1); score: may be empty, and the input need not have it (ignored if present)")
                .strings("input.schema.numeric", CRITEO_NUMERIC, "numeric columns")
                .strings("input.schema.categorical", CRITEO_CATEGORICAL, "categorical columns")
                .strings("input.schema.sequence", List.of(), "behaviour-sequence columns, values separated by | "
                        + "(Parquet: arrays too), oldest first")
                .strings("input.schema.sequence_candidate", List.of(), "the candidate column of each sequence column "
                        + "(a categorical column; its ids share the embedding rows); [] = sequences not encoded")
                .integer("input.schema.max_sequence_length", 50, Range.closed(1, 1000),
                        "longer sequences keep their most recent ids (counted in metrics.json rows.truncated)")
                .strings("input.schema.id", List.of(), "id columns passed through to scoring output")
                .string("input.schema.delimiter", ",", "csv field delimiter")
                .bool("input.schema.header", true, "csv files start with a header line");
    }

    public static ConfigSchema.Builder features(ConfigSchema.Builder b) {
        return b.integer("features.hash_buckets", 100_000, Range.closed(2, 1 << 28),
                        "rows of the shared embedding table categorical values are hashed into")
                .choice("features.numeric_transform", "log1p", List.of("log1p", "standardize", "none"),
                        "log1p (Criteo convention) | standardize (one distributed pass) | none")
                .integer("features.numeric_buckets", FeatureSpec.DEFAULT_NUMERIC_BUCKETS,
                        Range.closed(0, FeatureSpec.MAX_NUMERIC_BUCKETS), "quantile buckets per numeric field (one "
                        + "distributed pass), each embedded like a categorical value next to the transformed number; 0 = off");
    }

    public static ConfigSchema.Builder model(ConfigSchema.Builder b) {
        return b.choice("model.type", "dnn", List.of("dnn", "deepfm", "din"),
                        "model family: dnn (embedding + MLP; with a sequence, history sum-pooled) | deepfm "
                        + "(factorisation machine + MLP) | din (attention over the behaviour sequence)")
                .string("model.activation", "relu", "hidden activation spec, e.g. lrelu6(alpha=0.02); see "
                        + "'sparkact activations list'")
                .ints("model.hidden", List.of(256, 128, 64), Range.closed(1, 65_536), "hidden layer widths")
                .integer("model.embedding_dim", 16, Range.closed(1, 1024), "embedding size per categorical field")
                .real("model.dropout", 0.0, Range.closedOpen(0, 1), "dropout probability on hidden layers")
                .string("model.attention_activation", "dice", "din: activation spec of the local activation unit")
                .ints("model.attention_hidden", List.of(36), Range.closed(1, 65_536),
                        "din: hidden widths of the local activation unit");
    }

    public static ConfigSchema.Builder training(ConfigSchema.Builder b) {
        return b.choice("training.master", "averaging", List.of("averaging", "sharing"),
                        "averaging (ParameterAveragingTrainingMaster) | sharing (SharedTrainingMaster)")
                .integer("training.epochs", 3, Range.closed(1, 1000), "passes over the training data")
                // 256, not the 512 of ARCHITECTURE.md: twice the Adam steps per epoch; measured on 300k generated rows
                // (README, "accuracy gap") +0.003 AUC on local[2] and +0.004 single-process after the default 3 epochs
                .integer("training.batch_size", 256, Range.closed(1, 1 << 20), "examples per minibatch")
                // 0.002, not 0.001: under parameter averaging each replica moves an embedding row only on the rows it
                // sees and the average halves that move; measured on 300k generated rows, batch 256, local[2]: AUC
                // 0.7872 -> 0.7931 (single-process, no averaging, it costs 0.0025: 0.7966 -> 0.7941; README)
                .real("training.learning_rate", 0.002, Range.openClosed(0, 10), "Adam learning rate")
                // 4e-4, not ModelSpec's 1e-4: 300k generated rows, batch 256, learning rate 0.002, local[2]: AUC
                // 0.7931 -> 0.7954 (README); a true-structure FM wants about this prior (100 / 240k rows)
                .real("training.lr_decay", 1.0, Range.openClosed(0, 1), "learning-rate factor per epoch: epoch e trains with "
                        + "learning_rate x lr_decay^(e-1); 1 = constant (averaging only)")
                // 5, DL4J's usual value; 2 measured on 300k generated rows, deepfm with conf/deepfm-generated.conf,
                // local[2]: AUC 0.8031 -> 0.8035 at 0.48x the examples/s (README, 2026-12-03 evening)
                .integer("training.averaging_frequency", TrainingSpec.DEFAULT_AVERAGING_FREQUENCY, Range.closed(1, 10_000),
                        "parameter averaging: minibatches each worker fits between two averagings; lower = closer to one "
                        + "process and slower (averaging only)")
                .real("training.l2", 4e-4, Range.closed(0, 1), "L2 regularisation of weights (embedding table included unless training.mba_l2 > 0)")
                .real("training.mba_l2", 0.0, Range.closed(0, 100), "mini-batch aware L2 on the embedding table (Zhou et al. 2018): "
                        + "each update pulls the rows present in the minibatch by mba_l2 x row / occurrences of the row in the training data; "
                        + "0 = off (the table gets training.l2)")
                // adam keeps every model as before; adagrad on 300k generated rows with conf/deepfm-generated.conf, two
                // seeds: AUC 0.8039 / 0.8033 against Adam's 0.8031 / 0.8035, i.e. no gain there (README, 2026-12-03
                // evening; ModelSpec.DEFAULT_EMBEDDING_LEARNING_RATE). Offered because per-coordinate rates are the usual
                // choice for large sparse tables (real click logs have 1e6-1e7 ids; not measured here)
                .choice("training.embedding_updater", "adam", List.of("adam", "adagrad"),
                        "optimiser of the embedding tables: adam (the network's, at training.learning_rate) | adagrad "
                        + "(per-coordinate rates, at training.embedding_learning_rate)")
                .real("training.embedding_learning_rate", ModelSpec.DEFAULT_EMBEDDING_LEARNING_RATE, Range.openClosed(0, 10),
                        "AdaGrad learning rate of the embedding tables (training.embedding_updater=adagrad only; "
                        + "training.lr_decay applies to it too)")
                .longValue("training.seed", 42L, Range.finite(), "seed of initialisation and shuffling")
                .integer("training.patience", 0, Range.closed(0, 1000),
                        "early stopping: epochs without a better validation logloss (0 = off)");
    }
}
