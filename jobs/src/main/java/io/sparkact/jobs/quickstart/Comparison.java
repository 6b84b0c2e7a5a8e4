package io.sparkact.jobs.quickstart;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.data.synth.OracleMetrics;
import io.sparkact.data.synth.SynthSpec;
import io.sparkact.data.synth.SyntheticData;
import io.sparkact.jobs.config.ConfigValuesText;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.io.AtomicFiles;
import io.sparkact.jobs.report.Report;
import io.sparkact.jobs.train.TrainJob;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.train.EvalMetrics;
import io.sparkact.train.TrainResult;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The quickstart's work: data once, then one training run per activation, then the table. */
final class Comparison {

    private final JobConfig c;
    private final SparkSession spark;
    private final PrintStream out;
    private final PrintStream log;

    Comparison(JobConfig c, SparkSession spark, PrintStream out, PrintStream log) {
        this.c = c;
        this.spark = spark;
        this.log = log;
        this.out = out;
    }

    void run() throws Exception {
        String root = c.string("output");
        String data = root + "/data";
        double oracleAuc = oracle(data);
        StringBuilder csv = new StringBuilder("activation,auc,logloss,gap_to_oracle,examples_per_sec,seconds,status\n");
        int width = 12; // wide enough for the longest canonical spec, e.g. rrelu(lower=0.125,upper=0.333…)
        for (String spec : c.strings("activations")) {
            width = Math.max(width, ActivationCatalog.standard().parse(spec).toString().length());
        }
        String row = "%-" + width + "s %8.4f %8.4f %8.4f %12.0f %8.1f%n";
        out.printf(Locale.ROOT, "%n%-" + width + "s %8s %8s %8s %12s %8s%n", "activation", "AUC", "logloss", "gap",
                "examples/s", "seconds");
        List<String> finished = new ArrayList<>();
        for (String spec : c.strings("activations")) {
            log.println("== training " + spec);
            Map<String, String> sets = new LinkedHashMap<>();
            sets.put("input.train", data + "/train");
            sets.put("input.valid", data + "/valid");
            String runDir = root + "/runs/" + spec.replaceAll("[^A-Za-z0-9_.=-]", "_");
            sets.put("output", runDir);
            sets.put("overwrite", "true");
            sets.put("model.activation", spec);
            sets.put("model.hidden", ConfigValuesText.ints(c.ints("model.hidden")));
            sets.put("training.epochs", Integer.toString(c.integer("training.epochs")));
            sets.put("training.master", c.string("training.master"));
            try {
                TrainResult r = new TrainRun(JobConfig.load(TrainJob.SCHEMA, null, sets), spark, log).execute().result();
                EvalMetrics m = r.metrics();
                out.printf(Locale.ROOT, row, r.model().activation(), m.auc(),
                        m.logloss(), oracleAuc - m.auc(), r.examplesPerSec(), r.trainSeconds());
                csv.append(String.format(Locale.ROOT, "\"%s\",%.6f,%.6f,%.6f,%.1f,%.1f,ok%n", r.model().activation(),
                        m.auc(), m.logloss(), oracleAuc - m.auc(), r.examplesPerSec(), r.trainSeconds()));
                finished.add(runDir);
            } catch (RuntimeException e) {
                // one activation failing (e.g. diverging) must not hide the others' results
                out.printf(Locale.ROOT, "%-" + width + "s failed: %s%n", spec, e.getMessage());
                csv.append(String.format(Locale.ROOT, "\"%s\",,,,,,\"failed: %s\"%n", spec,
                        String.valueOf(e.getMessage()).replace("\"", "'")));
            }
        }
        AtomicFiles.writeAtomically(root + "/summary.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        out.printf(Locale.ROOT, "%noracle AUC (true click probabilities on valid): %.4f%n", oracleAuc);
        out.println("table: " + root + "/summary.csv; models and metrics: " + root + "/runs/");
        if (!finished.isEmpty()) {
            // only the runs that finished: a failed activation's directory has no _SUCCESS and is not a result
            Report.Written w = Report.write(finished, root + "/" + Report.FILE_NAME, "SparkAct quickstart");
            out.println("report: " + w.path());
        }
        out.println("next: sparkact activations plot --names relu,hswish,dice --out " + root + "/activations.svg");
    }

    /** Generates the data unless an earlier quickstart left the same number of rows; returns the oracle AUC. */
    private double oracle(String data) throws Exception {
        Path oracleJson = new Path(data + "/oracle.json");
        FileSystem fs = oracleJson.getFileSystem(new Configuration());
        if (fs.exists(oracleJson)) {
            Map<?, ?> o;
            try (InputStream in = fs.open(oracleJson)) {
                o = new ObjectMapper().readValue(in, Map.class);
            }
            long rows = ((Number) o.get("rows_train")).longValue() + ((Number) o.get("rows_valid")).longValue();
            if (rows == c.longValue("rows")) {
                log.println("reusing the data in " + data + " (" + rows + " rows)");
                return ((Number) o.get("auc")).doubleValue();
            }
        }
        log.println("generating " + c.longValue("rows") + " rows into " + data);
        OracleMetrics m = SyntheticData.write(spark, SynthSpec.builder().rows(c.longValue("rows")).build(), data,
                SyntheticData.Format.PARQUET);
        return m.auc();
    }
}
