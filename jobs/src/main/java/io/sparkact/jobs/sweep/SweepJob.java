package io.sparkact.jobs.sweep;

import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.config.ValueChecks;
import io.sparkact.jobs.train.TrainRun;
import java.io.PrintStream;

/** {@code sparkact sweep}: validates the search space (before Spark starts), then hands over to {@link SweepRun}. */
public final class SweepJob extends ConfiguredJob {

    public static final ConfigSchema SCHEMA = SweepKeys.schema();

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "hyperparameter sweep over activations: one trial per configuration and seed; resumable";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected String description() {
        return "Trains every trial of the search space (sweep.activations x the swept parameters x sweep.seeds, or\n"
                + "sweep.trials random draws x sweep.seeds; or successive halving of them over epochs) on input.train,\n"
                + "evaluates on input.valid and writes\n"
                + "OUTPUT/trials/TRIAL_ID.json per trial as it finishes (the id is a hash of the trial's config, so\n"
                + "rerunning the same command skips finished trials), then OUTPUT/trials.csv, OUTPUT/summary.csv\n"
                + "(per activation) and OUTPUT/best.conf (a train config: sparkact train --config OUTPUT/best.conf).\n"
                + "A failed trial is recorded with its error; exit 1 only when every trial failed.";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) throws Exception {
        SweepPlan plan = SweepPlan.of(c); // every usage error surfaces here, before a Spark session exists
        ValueChecks.activation("model.activation", c.string("model.activation"));
        ValueChecks.embeddingLearningRate(c);
        TrainRun.input(c, "input.train");
        TrainRun.input(c, "input.valid");
        new SweepRun(c, plan, SparkSessions.get(name()), out, err).run();
    }
}
