package io.sparkact.jobs.sweep;

import io.sparkact.jobs.config.CommonKeys;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.params.Range;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep job's configuration keys: every train key (the base config each trial starts from) plus the
 * {@code sweep.*} keys that say what varies and how trials run.
 */
final class SweepKeys {

    static final String ACTIVATIONS = "sweep.activations";
    static final String SEEDS = "sweep.seeds";
    static final String STRATEGY = "sweep.strategy";
    static final String TRIALS = "sweep.trials";
    static final String RANDOM_SEED = "sweep.random_seed";
    static final String EXECUTION = "sweep.execution";
    static final String MAX_TRIAL_ROWS = "sweep.max_trial_rows";
    static final String PARALLELISM = "sweep.parallelism";
    static final String RETRY_FAILED = "sweep.retry_failed";
    static final String ETA = "sweep.halving.eta";
    static final String MIN_EPOCHS = "sweep.halving.min_epochs";
    static final String MAX_EPOCHS = "sweep.halving.max_epochs";

    /** Swept numeric parameters: sweep key → the train key it sets. */
    static final Map<String, String> NUMERIC = numeric();

    private SweepKeys() {
    }

    private static Map<String, String> numeric() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sweep.learning_rate", "training.learning_rate");
        m.put("sweep.l2", "training.l2");
        m.put("sweep.dropout", "model.dropout");
        m.put("sweep.batch_size", "training.batch_size");
        m.put("sweep.embedding_dim", "model.embedding_dim");
        return m;
    }

    static ConfigSchema schema() {
        ConfigSchema.Builder b = ConfigSchema.builder("sweep");
        CommonKeys.output(b);
        CommonKeys.input(b);
        CommonKeys.features(b);
        CommonKeys.model(b);
        CommonKeys.training(b);
        b.strings(ACTIVATIONS, List.of("relu"), "activation specs to compare; a parameter may be a grid "
                        + "(lrelu6(alpha=0.01|0.05)) or a random range (lrelu6(alpha=log_uniform:0.005:0.1))")
                .ints(SEEDS, List.of(), Range.finite(), "every configuration is trained once per seed "
                        + "(training.seed); [] = training.seed alone")
                .choice(STRATEGY, "grid", List.of("grid", "random", "halving"), "grid (every combination) | random "
                        + "(sweep.trials configurations drawn at random) | halving (successive halving of the grid, "
                        + "or of sweep.trials random draws when a range is given)");
        for (Map.Entry<String, String> e : NUMERIC.entrySet()) {
            b.strings(e.getKey(), List.of(), "values of " + e.getValue() + ": a grid list [a, b, ...] or a random "
                    + "range [uniform|log_uniform|int, lo, hi]; [] = the base value");
        }
        return b.integer(TRIALS, 20, Range.closed(1, 100_000), "random search: configurations to draw (each "
                        + "runs once per seed)")
                .longValue(RANDOM_SEED, 1L, Range.finite(), "random search: seed of the draws")
                .choice(EXECUTION, "auto", List.of("auto", "trial-parallel", "data-parallel"),
                        "trial-parallel (each trial one Spark task) | data-parallel (trials in turn, each "
                                + "distributed) | auto (trial-parallel when the training rows fit sweep.max_trial_rows)")
                .longValue(MAX_TRIAL_ROWS, 200_000L, Range.closed(1, 1e9),
                        "auto execution: most training rows for trial-parallel")
                .integer(PARALLELISM, 0, Range.closed(0, 10_000),
                        "trial-parallel: trials at once; 0 = Spark's default parallelism (the executor cores)")
                .bool(RETRY_FAILED, false, "rerun trials recorded as failed (finished ones are always skipped)")
                .integer(ETA, 3, Range.closed(2, 100), "halving: reduction factor; the best 1/eta of a rung continue")
                .integer(MIN_EPOCHS, 1, Range.closed(1, 1000), "halving: epochs of the first rung")
                .integer(MAX_EPOCHS, 9, Range.closed(1, 1000), "halving: epochs of the last rung (rungs multiply "
                        + "by eta up to it)")
                .build();
    }
}
