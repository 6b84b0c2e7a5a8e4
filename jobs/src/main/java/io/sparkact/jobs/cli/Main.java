package io.sparkact.jobs.cli;

import io.sparkact.jobs.activations.ActivationsJob;
import io.sparkact.jobs.generate.GenerateJob;
import io.sparkact.jobs.quickstart.QuickstartJob;
import io.sparkact.jobs.retrain.RetrainJob;
import io.sparkact.jobs.score.ScoreJob;
import io.sparkact.jobs.report.ReportJob;
import io.sparkact.jobs.sweep.SweepJob;
import io.sparkact.jobs.train.TrainJob;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sparkact JOB [options]}: the main class of the application jar, run through Spark's SparkSubmit
 * by {@code bin/sparkact} or by users' own {@code spark-submit --class io.sparkact.jobs.cli.Main}.
 */
public final class Main {

    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: runtime failure. */
    public static final int FAILURE = 1;
    /** Exit code: bad usage or configuration. */
    public static final int USAGE = 2;

    private Main() {
    }

    /** The jobs, in the order the help lists them. */
    static Map<String, Job> jobs() {
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (Job j : List.of(new QuickstartJob(), new GenerateJob(), new TrainJob(), new SweepJob(),
                new RetrainJob(), new ScoreJob(), new ReportJob(), new ActivationsJob())) {
            jobs.put(j.name(), j);
        }
        return jobs;
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.err.flush();
        // Only exit explicitly on failure: a normal return lets SparkSubmit shut Spark down cleanly.
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs one command line and returns its exit code; never calls System.exit (testable in-process). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Job> jobs = jobs();
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(usage(jobs));
            return args.isEmpty() ? USAGE : OK;
        }
        Job job = jobs.get(args.get(0));
        if (job == null) {
            err.println("sparkact: unknown job '" + args.get(0) + "'; valid jobs: " + String.join(", ", jobs.keySet()));
            return USAGE;
        }
        try {
            List<String> rest = args.subList(1, args.size());
            if (rest.contains("--help") || rest.contains("-h")) {
                out.print(job.help());
                return OK;
            }
            job.run(Args.parse(rest, job.options()), out, err);
            return OK;
        } catch (UsageException | IllegalArgumentException e) {
            // IllegalArgumentException: validation inside the library (specs, parameters) names field and range.
            err.println("sparkact " + job.name() + ": " + e.getMessage());
            err.println("Run 'sparkact " + job.name() + " --help' for usage.");
            return USAGE;
        } catch (Exception e) {
            err.println("sparkact " + job.name() + " failed: " + e);
            e.printStackTrace(err);
            return FAILURE;
        }
    }

    static String usage(Map<String, Job> jobs) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: sparkact JOB [--config FILE] [--set key=value]... [--master URL] [--conf spark.key=value]... [--help]\n\n");
        sb.append("jobs:\n");
        for (Job j : jobs.values()) {
            sb.append(String.format("  %-12s %s%n", j.name(), j.summary()));
        }
        sb.append("\nRun 'sparkact JOB --help' for a job's options.\n");
        sb.append("Exit codes: 0 success, 2 bad usage or configuration, 1 runtime failure.\n");
        return sb.toString();
    }
}
