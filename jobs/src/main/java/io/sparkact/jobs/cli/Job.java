package io.sparkact.jobs.cli;

import java.io.PrintStream;

/** One subcommand of {@code sparkact}. A job's {@code run} parses, validates and delegates to small stage classes. */
public interface Job {

    /** The name used on the command line, e.g. "activations". */
    String name();

    /** One line for the top-level help. */
    String summary();

    /** The options this job accepts, without the leading "--" (--help is always accepted). */
    java.util.Set<String> options();

    /** Full help text, printed for {@code sparkact JOB --help}. */
    String help();

    /**
     * Runs the job. Throws {@link UsageException} for bad usage or configuration; any other exception is
     * a runtime failure.
     *
     * @param args the arguments after the job name
     * @param out where results go (stdout: CSV, tables)
     * @param err where progress and diagnostics go (stderr)
     */
    void run(Args args, PrintStream out, PrintStream err) throws Exception;
}
