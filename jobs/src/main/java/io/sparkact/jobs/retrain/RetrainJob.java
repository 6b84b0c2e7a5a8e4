package io.sparkact.jobs.retrain;

import io.sparkact.jobs.cli.Args;
import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.config.CommonKeys;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.config.ValueChecks;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.params.Range;
import io.sparkact.registry.GateSpec;
import io.sparkact.registry.ModelRegistry;
import io.sparkact.registry.RegistryLayout;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** {@code sparkact retrain [--rollback N]}: validates the configuration, then hands over to {@link RetrainRun}. */
public final class RetrainJob extends ConfiguredJob {

    public static final ConfigSchema SCHEMA = buildSchema();

    private static ConfigSchema buildSchema() {
        ConfigSchema.Builder b = ConfigSchema.builder("retrain")
                .string("registry.root", null, "registry root directory (any Hadoop FileSystem URI)")
                .string("registry.name", "ctr", "the model's name: its registry is REGISTRY_ROOT/NAME")
                .integer("registry.keep", 5, Range.closed(1, 100_000),
                        "complete versions kept (the newest ones); the champion is never deleted")
                // required unless --rollback, so not declared required here (checked in run)
                .string("input.train", "", "the new window of training data: file, directory or glob, e.g. "
                        + "data/day=2026-11-2[0-2] (required unless --rollback)")
                .string("input.valid", "", "holdout on which champion and challenger are compared "
                        + "(required unless --rollback)");
        CommonKeys.inputRows(b);
        CommonKeys.features(b);
        CommonKeys.model(b);
        CommonKeys.training(b);
        return b.real("gate.auc_tolerance", 0.002, Range.closed(0, 1),
                        "challenger AUC may be at most this much below the champion's (≈ the holdout's AUC noise at "
                        + "~1M rows)")
                .real("gate.logloss_tolerance", 0.002, Range.closed(0, 10),
                        "challenger logloss may be at most this much above the champion's")
                .strings("gate.calibration_range", List.of("0.9", "1.1"),
                        "[low, high] for the challenger's calibration (mean prediction / click rate); ±10% "
                        + "keeps bids priced within a tenth of the truth")
                .build();
    }

    @Override
    public String name() {
        return "retrain";
    }

    @Override
    public String summary() {
        return "retrain into a model registry: warm start from the champion, gate, atomic publish, rollback";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected Set<String> extraOptions() {
        return Set.of("rollback");
    }

    @Override
    protected String description() {
        return "Trains a new version of model registry.name under registry.root on input.train: a warm start from\n"
                + "the champion (its architecture, feature encoding and updater state, from its manifest), or a\n"
                + "cold start from the model.* keys when there is none. Champion and challenger are evaluated on\n"
                + "input.valid; the challenger becomes the champion only if AUC >= champion - gate.auc_tolerance,\n"
                + "logloss <= champion + gate.logloss_tolerance and calibration is within gate.calibration_range\n"
                + "(the first version needs only the calibration). Writes REG/NAME/versions/N/{model.zip,\n"
                + "manifest.json, metrics.json, _SUCCESS} by staging and one rename, REG/NAME/decisions/N.json,\n"
                + "then moves REG/NAME/aliases/champion (atomic replace) and keeps registry.keep versions.\n"
                + "--rollback N points the champion back at version N (it must be complete) and records why;\n"
                + "it needs only registry.root and registry.name.";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) {
        throw new IllegalStateException("retrain runs through run(JobConfig, Args, ...)");
    }

    @Override
    protected void run(JobConfig c, Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.has("rollback")) {
            int n = (int) args.getLong("rollback", 0, 1, 999_999_999);
            ModelRegistry registry = ModelRegistry.open(c.string("registry.root"), c.string("registry.name"),
                    new Configuration());
            Map<String, Object> d = registry.rollback(n, "sparkact retrain --rollback " + n);
            out.println("champion of " + registry.layout().base() + ": version " + d.get("champion_before")
                    + " -> " + n);
            return;
        }
        for (String k : List.of("input.train", "input.valid")) {
            if (c.string(k).isBlank()) {
                throw new UsageException("config key " + k + " is required: " + SCHEMA.key(k).description()
                        + "; give it in the --config file or with --set " + k + "=...");
            }
        }
        ValueChecks.activation("model.activation", c.string("model.activation")); // bad values fail before Spark starts
        ValueChecks.embeddingLearningRate(c);
        new RegistryLayout(c.string("registry.root"), c.string("registry.name"));
        TrainRun.input(c, "input.train");
        TrainRun.input(c, "input.valid");
        GateSpec gate = gate(c);
        new RetrainRun(c, gate, SparkSessions.get(name()), err).run(out);
    }

    /** The gate.* keys as a validated spec; gate.calibration_range must be two numbers. */
    static GateSpec gate(JobConfig c) {
        List<String> range = c.strings("gate.calibration_range");
        double[] lh = new double[2];
        boolean ok = range.size() == 2;
        for (int i = 0; ok && i < 2; i++) {
            try {
                lh[i] = Double.parseDouble(range.get(i).trim());
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new UsageException("config key gate.calibration_range given invalid value " + range
                    + "; allowed: two numbers [low, high] with 0 < low <= 1 <= high, e.g. [0.9, 1.1]");
        }
        try {
            return new GateSpec(c.real("gate.auc_tolerance"), c.real("gate.logloss_tolerance"), lh[0], lh[1]);
        } catch (IllegalArgumentException e) {
            throw new UsageException("config key " + e.getMessage(), e);
        }
    }
}
