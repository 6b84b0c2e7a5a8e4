package io.sparkact.jobs.quickstart;

import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.config.ValueChecks;
import io.sparkact.params.Range;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code sparkact quickstart}: generates a synthetic CTR data set with a known ceiling, trains one model per
 * activation on it (relu, the capped hybrid, h-swish, rrelu, Dice, PReLU, and sigmoid as the seeds' cautionary
 * example), and prints AUC, logloss, the gap to the oracle, speed and time per activation.
 */
public final class QuickstartJob extends ConfiguredJob {

    static final List<String> DEFAULT_ACTIVATIONS =
            List.of("relu", "lrelu6", "hswish", "rrelu", "dice", "prelu", "sigmoid");

    static final ConfigSchema SCHEMA = ConfigSchema.builder("quickstart")
            .string("output", "out/quickstart", "where data, models, summary.csv and report.html go")
            .longValue("rows", 200_000L, Range.closed(100, 1e9), "rows to generate (train + valid)")
            .strings("activations", DEFAULT_ACTIVATIONS, "activation specs to compare")
            .integer("training.epochs", 3, Range.closed(1, 1000), "epochs per model")
            .choice("training.master", "averaging", List.of("averaging", "sharing"), "Spark training master")
            .ints("model.hidden", List.of(256, 128, 64), Range.closed(1, 65_536), "hidden layer widths")
            .build();

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "generate data with a known ceiling, train several activations, compare them in a table";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected String description() {
        return "Generates OUTPUT/data (skipped when OUTPUT/data/oracle.json exists for the same rows), trains one model\n"
                + "per activation into OUTPUT/runs/NAME/, prints a table (AUC, logloss, gap to the oracle's AUC,\n"
                + "examples/s, seconds), writes it to OUTPUT/summary.csv and writes OUTPUT/report.html (charts of the\n"
                + "finished runs, see 'sparkact report --help'). About 10 minutes on 2 cores with the defaults.";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) throws Exception {
        for (String spec : c.strings("activations")) {
            ValueChecks.activation("activations", spec); // every spec is checked before anything runs
        }
        new Comparison(c, SparkSessions.get(name()), out, err).run();
    }
}
