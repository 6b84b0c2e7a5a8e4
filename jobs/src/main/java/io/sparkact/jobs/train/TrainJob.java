package io.sparkact.jobs.train;

import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.config.CommonKeys;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.config.ValueChecks;
import io.sparkact.train.TrainOutput;
import java.io.PrintStream;

/** {@code sparkact train}: parses and validates the configuration, then hands over to {@link TrainRun}. */
public final class TrainJob extends ConfiguredJob {

    public static final ConfigSchema SCHEMA = buildSchema();

    private static ConfigSchema buildSchema() {
        ConfigSchema.Builder b = ConfigSchema.builder("train");
        CommonKeys.output(b);
        CommonKeys.input(b);
        CommonKeys.features(b);
        CommonKeys.model(b);
        CommonKeys.training(b);
        b.bool(TrainCheckpoints.KEY, true, "after every epoch keep a checkpoint in OUTPUT/_checkpoints; a rerun on "
                + "the same output and configuration resumes from the last one");
        return b.bool("overwrite", false, "replace a finished result already in output").build();
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a CTR model with a chosen activation on Spark; write model, metrics and _SUCCESS";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected String description() {
        return "Reads input.train and input.valid (bad rows go to OUTPUT/quarantine/), hashes and transforms the\n"
                + "features, trains model.type with model.activation on Spark (training.master), evaluates on valid\n"
                + "after every epoch and writes OUTPUT/model/model.zip, OUTPUT/model/manifest.json, OUTPUT/metrics.json\n"
                + "and OUTPUT/_SUCCESS (last). Exit 1 if more than input.max_bad_fraction of the rows are bad or\n"
                + "training diverges.\n"
                + "Checkpoints (training.checkpoint=on): after every complete epoch the model, its updater state and\n"
                + "the run's state go to OUTPUT/_checkpoints/epoch-NNNN (atomically; the last 2 are kept, all are\n"
                + "deleted once _SUCCESS is written). Run the same command again after a crash and it resumes after\n"
                + "the last complete epoch (an interrupted epoch is trained again from its start, in the same order).\n"
                + "A checkpoint of another configuration or input is refused (exit 2, naming what differs). A\n"
                + "finished output is never resumed: it is refused, or replaced from scratch with overwrite=true.";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) throws Exception {
        ValueChecks.activation("model.activation", c.string("model.activation")); // bad values fail before Spark starts
        ValueChecks.activation("model.attention_activation", c.string("model.attention_activation"));
        ValueChecks.embeddingLearningRate(c);
        TrainRun.input(c, "input.train");
        TrainRun.input(c, "input.valid");
        if (!c.bool("overwrite") && TrainOutput.isFinished(c.string("output"))) {
            throw new UsageException("output " + c.string("output") + " already holds a finished result (_SUCCESS); "
                    + "choose another output or --set overwrite=true");
        }
        new TrainRun(c, SparkSessions.get(name()), err).run(out);
    }
}
