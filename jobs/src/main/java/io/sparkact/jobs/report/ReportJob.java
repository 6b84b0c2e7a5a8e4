package io.sparkact.jobs.report;

import io.sparkact.jobs.cli.ConfiguredJob;
import io.sparkact.jobs.config.ConfigSchema;
import io.sparkact.jobs.config.JobConfig;
import java.io.PrintStream;

/** {@code sparkact report}: train and sweep outputs → one self-contained report.html. Needs no Spark session. */
public final class ReportJob extends ConfiguredJob {

    static final ConfigSchema SCHEMA = ConfigSchema.builder("report")
            .strings("report.inputs", null, "train or sweep output directories or metrics JSON files (paths or "
                    + "globs on any Hadoop FileSystem)")
            .string("output", null, "report file (ending in .html) or directory (gets report.html)")
            .string("report.title", "SparkAct activation report", "the page's title")
            .build();

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "train and sweep outputs -> one self-contained report.html (charts and tables, no network)";
    }

    @Override
    protected ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    protected String description() {
        return "Reads each input's metrics.json (a train output needs _SUCCESS; a sweep output contributes its\n"
                + "trials/*.json: failed ones skipped, per activation the seeds of its best setting) and writes f and f' of the activations, per-activation bars (AUC, logloss,\n"
                + "dead %, saturated %, examples/s; error bars over several runs of one activation), validation AUC\n"
                + "per epoch, dead units per layer and epoch, and gradient norms per layer, each with its table.\n"
                + "The page loads nothing from the network. Example:\n"
                + "  sparkact report --set 'report.inputs=out/quickstart/runs/*' --set output=out/report.html";
    }

    @Override
    protected void run(JobConfig c, PrintStream out, PrintStream err) throws Exception {
        Report.Written w = Report.write(c.strings("report.inputs"), c.string("output"), c.string("report.title"));
        out.println("report: " + w.path() + " (" + w.runs() + (w.runs() == 1 ? " run)" : " runs)"));
    }
}
