package io.sparkact.jobs.score;

import io.sparkact.data.ReadPurpose;
import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.config.CommonKeys;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.params.Range;
import io.sparkact.train.TrainOutput;
import java.io.PrintStream;

/** {@code sparkact score}: validates the configuration, then hands over to {@link ScoreRun}. */
public final class ScoreJob extends ConfiguredJob {

    public static final ConfigSchema SCHEMA = buildSchema();

    private static ConfigSchema buildSchema() {
        ConfigSchema.Builder b = ConfigSchema.builder("score")
                .string("model", null, "the model: " + ModelRef.ALLOWED)
                .string("registry.root", "", "registry root for registry:NAME@... models (any Hadoop FileSystem URI)");
        CommonKeys.output(b);
        b.string("input.path", null, "rows to score: file, directory or glob (read like train's input)");
        CommonKeys.inputRows(b);
        return b.integer("score.batch_size", 1024, Range.closed(1, 1 << 20), "rows per forward pass")
                .bool("overwrite", false, "replace a finished result already in output")
                .build();
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "score rows with a trained model (path or registry:NAME@champion) into Parquet: id columns + pctr";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected String description() {
        return "Reads input.path like train reads its input (input.format, input.schema.*; bad rows go to\n"
                + "OUTPUT/quarantine/) except that no label is needed: the label column may be missing from the\n"
                + "input (input.schema.label may be empty) and is ignored, not validated, when present. Headerless\n"
                + "text may have every schema column or every one but the label: Criteo TSV 40 or 39 fields.\n"
                + "It encodes the rows with the model's own feature encoding from its manifest\n"
                + "(hashing, numeric transform and standardisation are never refitted) and writes OUTPUT/scores/\n"
                + "(Parquet: the input.schema.id columns and pctr, one row per good input row), then OUTPUT/_SUCCESS.\n"
                + "model.zip's sha256 is checked against the manifest before anything is scored: a mismatch fails\n"
                + "(exit 1) naming the file. The model is sent once per executor and loaded lazily there.";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) throws Exception {
        ModelRef ref = ModelRef.parse(c.string("model"));
        if (ref.isRegistry() && c.string("registry.root").isBlank()) {
            throw new UsageException("config key model is '" + ref.text() + "', a registry reference: give registry.root "
                    + "(--set registry.root=...)");
        }
        if (!c.bool("overwrite") && TrainOutput.isFinished(c.string("output"))) {
            throw new UsageException("output " + c.string("output") + " already holds a finished result (_SUCCESS); "
                    + "choose another output or --set overwrite=true");
        }
        TrainRun.input(c, "input.path", ReadPurpose.SCORE); // a bad schema fails before Spark starts
        new ScoreRun(c, ref, SparkSessions.get(name()), err).run(out);
    }
}
