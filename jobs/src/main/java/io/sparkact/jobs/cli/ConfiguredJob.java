package io.sparkact.jobs.cli;

import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import java.io.PrintStream;
import java.util.Set;

/**
 * A job driven by configuration alone: {@code sparkact JOB [--config FILE] [--set key=value]...}. Takes no
 * positional arguments, loads and validates its configuration against {@link #schema()}, then runs.
 */
public abstract class ConfiguredJob implements Job {

    /** The keys this job accepts. */
    protected abstract ConfigSchema schema();

    /** What the job does, for --help, before the key listing. */
    protected abstract String description();

    /** Runs with a validated configuration. */
    protected abstract void run(JobConfig config, PrintStream out, PrintStream err) throws Exception;

    /** Options besides --config and --set (e.g. retrain's --rollback); none by default. */
    protected Set<String> extraOptions() {
        return Set.of();
    }

    /** Runs with a validated configuration and the command line; jobs with {@link #extraOptions()} override it. */
    protected void run(JobConfig config, Args args, PrintStream out, PrintStream err) throws Exception {
        run(config, out, err);
    }

    @Override
    public final Set<String> options() {
        Set<String> all = new java.util.TreeSet<>(extraOptions());
        all.add("config");
        all.add("set");
        return all;
    }

    @Override
    public final String help() {
        return "usage: sparkact " + name() + " [--config FILE] [--set key=value]... [--master URL] [--conf spark.k=v]...\n\n"
                + description() + "\n\n" + schema().help();
    }

    @Override
    public final void run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        run(JobConfig.load(schema(), args.get("config", null), args.sets()), args, out, err);
    }
}
