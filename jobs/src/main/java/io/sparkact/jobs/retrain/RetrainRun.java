package io.sparkact.jobs.retrain;

import io.sparkact.data.FeatureEncoder;
import io.sparkact.data.FeatureEncoding;
import io.sparkact.data.FeatureSpec;
import io.sparkact.data.NumericTransform;
import io.sparkact.data.ReadResult;
import io.sparkact.data.InputReader;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.models.ModelSpec;
import io.sparkact.registry.Gate;
import io.sparkact.registry.GateSpec;
import io.sparkact.registry.ModelFiles;
import io.sparkact.registry.ModelRegistry;
import io.sparkact.registry.Manifests;
import io.sparkact.train.EvalMetrics;
import io.sparkact.train.Evaluator;
import io.sparkact.train.SparkTrainer;
import io.sparkact.train.TrainOutput;
import io.sparkact.train.TrainResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One retrain, stage by stage: take a version number → read the window and the holdout → warm start from the
 * champion (or cold start) → evaluate the champion on the holdout → train → gate → stage and publish the
 * version → move the alias if promoted, then record the decision ({@link ModelRegistry#recordOutcome}: a decision
 * file exists only once its action happened) → retention.
 */
final class RetrainRun {

    private final JobConfig c;
    private final GateSpec gate;
    private final SparkSession spark;
    private final PrintStream log;

    RetrainRun(JobConfig c, GateSpec gate, SparkSession spark, PrintStream log) {
        this.c = c;
        this.gate = gate;
        this.spark = spark;
        this.log = log;
    }

    /** What the run decided. */
    record Outcome(int version, boolean promoted, Map<String, Object> decision) { }

    void run(PrintStream out) throws Exception {
        Outcome o = execute();
        out.println("version " + o.version() + ": " + o.decision().get("reason") + "; champion: "
                + o.decision().get("champion_after"));
    }

    Outcome execute() throws Exception {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelRegistry registry = ModelRegistry.open(c.string("registry.root"), c.string("registry.name"), conf);
        OptionalInt champion = registry.champion();
        // a damaged champion is refused before a version number is claimed or any data is read
        ModelFiles.Loaded warm = champion.isPresent() ? registry.files(champion.getAsInt()).load(conf) : null;
        int n = registry.allocate();
        log.println("retrain " + registry.layout().base() + ": version " + n + ", "
                + (champion.isPresent() ? "warm start from champion " + champion.getAsInt() : "cold start (no champion)"));
        String quarantine = registry.layout().quarantine(n).toString();
        ReadResult train = InputReader.read(spark, TrainRun.input(c, "input.train"), quarantine + "/train");
        ReadResult valid = InputReader.read(spark, TrainRun.input(c, "input.valid"), quarantine + "/valid");
        log.println("read: " + train + "; " + valid);
        int batch = c.integer("training.batch_size");

        FeatureEncoding enc;
        ModelSpec model;
        ComputationGraph start = null;
        Gate.Metrics championMetrics = null;
        if (warm != null) {
            ModelFiles files = registry.files(champion.getAsInt());
            enc = Manifests.encoding(warm.manifest(), files.manifest());
            model = Manifests.modelSpec(warm.manifest(), files.manifest());
            start = warm.graph();
            // evaluated before training: the warm start trains this very graph in place
            championMetrics = gateMetrics(Evaluator.evaluate(sc, start, enc.toMultiDataSets(valid.good(), batch)));
            log.println("champion " + champion.getAsInt() + " on the holdout: " + championMetrics + "; its model and "
                    + "feature encoding are kept (model.* and features.* apply to cold starts only)");
        } else {
            enc = FeatureEncoder.fit(train.good(), TrainRun.schema(c), FeatureSpec.of(c.integer("features.hash_buckets"),
                    NumericTransform.parse("features.numeric_transform", c.string("features.numeric_transform")),
                    c.integer("features.numeric_buckets")));
            model = TrainRun.modelSpec(c, enc);
        }
        JavaRDD<MultiDataSet> trainData = enc.toMultiDataSets(train.good(), batch);
        JavaRDD<MultiDataSet> validData = enc.toMultiDataSets(valid.good(), batch);
        TrainResult result = new SparkTrainer(sc, model, TrainRun.trainingSpec(c))
                .train(start, trainData, validData, log::println);
        Gate.Metrics challenger = gateMetrics(result.metrics());
        Gate.Decision gated = Gate.decide(gate, challenger, championMetrics);

        TrainOutput.Rows rows = new TrainOutput.Rows(train.read() + valid.read(), train.used() + valid.used(),
                train.quarantined() + valid.quarantined());
        publish(registry, n, result, enc, model, champion, rows);
        Map<String, Object> decision = decision(n, champion, gated, challenger, championMetrics, valid.used());
        registry.recordOutcome(n, gated.promote(), decision);
        log.println("version " + n + ": " + gated.reason());
        List<Integer> deleted = registry.retain(c.integer("registry.keep"));
        if (!deleted.isEmpty()) {
            log.println("retention (registry.keep=" + c.integer("registry.keep") + "): deleted versions " + deleted);
        }
        train.release();
        valid.release();
        return new Outcome(n, gated.promote(), decision);
    }

    /** Stages version N and renames it into place; a failure before the rename removes the staging directory. */
    private void publish(ModelRegistry registry, int n, TrainResult result, FeatureEncoding enc, ModelSpec model,
                         OptionalInt parent, TrainOutput.Rows rows) throws Exception {
        byte[] bytes = TrainOutput.modelBytes(result.graph());
        Map<String, Object> extras = TrainRun.manifestExtras(c, enc, model);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("name", c.string("registry.name"));
        origin.put("version", n);
        origin.put("parent", parent.isPresent() ? parent.getAsInt() : null);
        origin.put("input_train", c.string("input.train"));
        extras.put("registry", origin);
        ModelRegistry.Staged staged = registry.stage(n, bytes, TrainOutput.manifest(bytes, extras),
                TrainOutput.metrics(result, rows));
        try {
            registry.publish(staged);
        } catch (IOException | RuntimeException e) {
            registry.discard(staged);
            throw e;
        }
    }

    private Map<String, Object> decision(int n, OptionalInt champion, Gate.Decision gated, Gate.Metrics challenger,
                                         Gate.Metrics championMetrics, long holdoutRows) {
        Integer before = champion.isPresent() ? champion.getAsInt() : null;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", n);
        d.put("action", gated.promote() ? "promote" : "reject");
        d.put("champion_before", before);
        d.put("champion_after", gated.promote() ? Integer.valueOf(n) : before);
        d.put("start", before == null ? "cold" : "warm from version " + before);
        d.put("holdout", c.string("input.valid"));
        d.put("holdout_rows", holdoutRows);
        d.put("challenger", challenger.toMap());
        d.put("champion", championMetrics == null ? null : championMetrics.toMap());
        d.put("gate", gate.toMap());
        d.put("checks", gated.checksAsMaps());
        d.put("reason", gated.reason());
        d.put("created", Instant.now().toString());
        return d;
    }

    private static Gate.Metrics gateMetrics(EvalMetrics m) {
        return new Gate.Metrics(m.auc(), m.logloss(), m.calibration());
    }
}
