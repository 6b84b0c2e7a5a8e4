package io.sparkact.bench.training;

import io.sparkact.bench.BenchSettings;
import io.sparkact.data.FeatureEncoder;
import io.sparkact.data.FeatureEncoding;
import io.sparkact.data.FeatureSpec;
import io.sparkact.data.InputReader;
import io.sparkact.data.NumericTransform;
import io.sparkact.data.ReadResult;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.jobs.cli.Main;
import io.sparkact.jobs.cli.SparkSessions;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The embedded Spark (local[2] on loopback, no web UI) that the training, sweep and scoring sections share,
 * the jobs run in-process through {@link Main#run} exactly as {@code bin/sparkact} would run them, and the one
 * model configuration they all train (so that their numbers describe the same network).
 *
 * <p>The jobs find the session through {@code SparkSessions.get}, which reads the spark.* system properties set
 * here before the first session exists.
 */
public final class Workload implements AutoCloseable {

    /** Cores of the embedded Spark: the "on 2 cores". */
    public static final String MASTER = "local[2]";

    /** The network every section trains: the quickstart's dnn (conf/quickstart.conf). */
    static final Map<String, String> MODEL = Map.of(
            "features.hash_buckets", "20000",
            "model.type", "dnn",
            "model.activation", "relu",
            "model.hidden", "[64, 32]",
            "model.embedding_dim", "8",
            "training.batch_size", "256",
            "training.learning_rate", "0.002",
            "training.seed", "42");

    private final BenchSettings settings;
    private final SparkSession spark;

    private Workload(BenchSettings settings, SparkSession spark) {
        this.settings = settings;
        this.spark = spark;
    }

    public static Workload start(BenchSettings settings) {
        System.setProperty("spark.master", MASTER);
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.sql.shuffle.partitions", "2");
        return new Workload(settings, SparkSessions.get("bench"));
    }

    public SparkSession spark() {
        return spark;
    }

    public BenchSettings settings() {
        return settings;
    }

    /** A directory under the scratch directory, emptied first. */
    public Path dir(String name) throws java.io.IOException {
        Path p = settings.work().resolve(name);
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return p;
    }

    /** Generated data (generate job): DIR/train, DIR/valid, DIR/oracle.json; {@code rows} in all, 20% valid. */
    public Path generate(String name, long rows, long seed) throws Exception {
        Path out = dir(name);
        job("generate", Map.of("rows", Long.toString(rows), "seed", Long.toString(seed), "output", out.toString()));
        return out;
    }

    /**
     * Runs {@code bin/sparkact JOB --set k=v ...} in-process and returns what it printed on stdout; a non-zero
     * exit code is an exception with the job's stderr.
     */
    public String job(String job, Map<String, String> sets) {
        List<String> args = new ArrayList<>(List.of(job));
        for (Map.Entry<String, String> e : sets.entrySet()) {
            args.add("--set");
            args.add(e.getKey() + "=" + e.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        if (code != Main.OK) {
            throw new IllegalStateException("sparkact " + String.join(" ", args) + " exited with " + code + ":\n"
                    + err.toString(StandardCharsets.UTF_8));
        }
        return stdout;
    }

    /** The train job's configuration for data {@code data} with {@link #MODEL} and {@code extra} on top. */
    public static JobConfig trainConfig(Path data, Map<String, String> extra) {
        Map<String, String> sets = new LinkedHashMap<>(MODEL);
        sets.put("input.train", data.resolve("train").toString());
        sets.put("input.valid", data.resolve("valid").toString());
        sets.put("output", data.resolve("unused-output").toString());
        sets.putAll(extra);
        return JobConfig.load(TrainJob.SCHEMA, null, sets);
    }

    /** {@link #MODEL} plus {@code extra}, as --set pairs for a job. */
    public static Map<String, String> modelSets(Map<String, String> extra) {
        Map<String, String> sets = new LinkedHashMap<>(MODEL);
        sets.putAll(extra);
        return sets;
    }

    /** Training and validation rows of {@code c}'s inputs, read and encoded as the train job does. */
    public Encoded encode(JobConfig c, Path quarantine) {
        ReadResult train = InputReader.read(spark, TrainRun.input(c, "input.train"), quarantine + "/train");
        ReadResult valid = InputReader.read(spark, TrainRun.input(c, "input.valid"), quarantine + "/valid");
        FeatureEncoding enc = FeatureEncoder.fit(train.good(), TrainRun.schema(c), FeatureSpec.of(
                c.integer("features.hash_buckets"),
                NumericTransform.parse("features.numeric_transform", c.string("features.numeric_transform")),
                c.integer("features.numeric_buckets")));
        return new Encoded(train, valid, enc);
    }

    /** What {@link #encode} read and the encoding fitted on the training rows. */
    public record Encoded(ReadResult train, ReadResult valid, FeatureEncoding encoding) {
        /** Drops the cached rows. */
        public void release() {
            train.release();
            valid.release();
        }
    }

    @Override
    public void close() {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
