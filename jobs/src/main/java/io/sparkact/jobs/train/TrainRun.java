package io.sparkact.jobs.train;

import io.sparkact.data.FeatureEncoder;
import io.sparkact.data.FeatureEncoding;
import io.sparkact.data.FeatureSpec;
import io.sparkact.data.InputFormat;
import io.sparkact.data.InputReader;
import io.sparkact.data.InputSpec;
import io.sparkact.data.NumericTransform;
import io.sparkact.data.ReadPurpose;
import io.sparkact.data.ReadResult;
import io.sparkact.data.Schema;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.models.ModelSpec;
import io.sparkact.models.ModelType;
import io.sparkact.models.TableUpdater;
import io.sparkact.train.SparkTrainer;
import io.sparkact.train.TrainOutput;
import io.sparkact.train.TrainResult;
import io.sparkact.train.TrainingSpec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * One training run, stage by stage: read → encode → train (resuming from OUTPUT/_checkpoints when a killed run left
 * one, see {@link TrainCheckpoints}) → write → delete the checkpoints. Nothing downstream reaches back.
 */
public final class TrainRun {

    private final JobConfig c;
    private final SparkSession spark;
    private final PrintStream log;

    public TrainRun(JobConfig c, SparkSession spark, PrintStream log) {
        this.c = c;
        this.spark = spark;
        this.log = log;
    }

    /** The input schema: Criteo's fixed one, or the configured columns. */
    public static Schema schema(JobConfig c) {
        if (c.string("input.format").equals("criteo")) {
            return Schema.criteo();
        }
        return Schema.builder().label(c.string("input.schema.label")).numeric(c.strings("input.schema.numeric"))
                .categorical(c.strings("input.schema.categorical")).sequence(c.strings("input.schema.sequence"))
                .sequenceCandidate(c.strings("input.schema.sequence_candidate"))
                .maxSequenceLength(c.integer("input.schema.max_sequence_length"))
                .id(c.strings("input.schema.id")).delimiter(c.string("input.schema.delimiter"))
                .header(c.bool("input.schema.header")).build();
    }

    /** The training input of the path in config key {@code pathKey}, read as input.format and input.schema say. */
    public static InputSpec input(JobConfig c, String pathKey) {
        return input(c, pathKey, ReadPurpose.TRAIN);
    }

    /** The input of the path in config key {@code pathKey}, for training (0/1 label) or scoring (no label). */
    public static InputSpec input(JobConfig c, String pathKey, ReadPurpose purpose) {
        return InputSpec.builder().format(InputFormat.parse("input.format", c.string("input.format")))
                .path(c.string(pathKey)).maxBadFraction(c.real("input.max_bad_fraction")).schema(schema(c))
                .purpose(purpose).build();
    }

    /** What a run produced: the trained result and the row counts of train + valid. */
    public record Outcome(TrainResult result, TrainOutput.Rows rows) {
    }

    /** Runs and prints a one-line summary to {@code out}. */
    void run(PrintStream out) throws Exception {
        Outcome o = execute();
        TrainResult result = o.result();
        out.printf(Locale.ROOT, "%s: AUC %.4f, logloss %.4f, calibration %.3f, %.0f examples/s, %.1f s -> %s%n",
                result.model().activation(), result.metrics().auc(), result.metrics().logloss(),
                result.metrics().calibration(), result.examplesPerSec(), result.trainSeconds(), c.string("output"));
    }

    /** Reads, encodes, trains and writes the output; returns the result. */
    public Outcome execute() throws Exception {
        String output = c.string("output");
        Schema schema = schema(c);
        ReadResult train = InputReader.read(spark, input(c, "input.train"), output + "/quarantine/train");
        ReadResult valid = InputReader.read(spark, input(c, "input.valid"), output + "/quarantine/valid");
        log.println("read: " + train + "; " + valid);
        FeatureEncoding enc = FeatureEncoder.fit(train.good(), schema, FeatureSpec.of(c.integer("features.hash_buckets"),
                NumericTransform.parse("features.numeric_transform", c.string("features.numeric_transform")),
                c.integer("features.numeric_buckets")));
        int batch = c.integer("training.batch_size");
        JavaRDD<MultiDataSet> trainData = enc.toMultiDataSets(train.good(), batch);
        JavaRDD<MultiDataSet> validData = enc.toMultiDataSets(valid.good(), batch);
        ModelSpec model = modelSpec(c, enc);
        TrainingSpec training = trainingSpec(c);
        TrainCheckpoints checkpoints = TrainCheckpoints.open(c, enc, train.used(), valid.used(), log);
        TrainResult result = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), model, training)
                .train(null, trainData, validData, log::println, checkpoints.checkpoints());
        // rows: train and valid together, i.e. every row this run read
        TrainOutput.Rows rows = new TrainOutput.Rows(train.read() + valid.read(), train.used() + valid.used(),
                train.quarantined() + valid.quarantined(), truncated(enc, train, valid));
        TrainOutput.write(output, result, manifestExtras(c, enc, model), rows, c.bool("overwrite"));
        checkpoints.clear();
        train.release();
        valid.release();
        return new Outcome(result, rows);
    }

    /** Rows whose behaviour sequence lost its oldest ids (train + valid); -1 (not reported) without sequences. */
    private long truncated(FeatureEncoding enc, ReadResult train, ReadResult valid) {
        if (!enc.hasSequences()) {
            return -1;
        }
        long n = enc.countTruncated(train.good()) + enc.countTruncated(valid.good());
        log.println("sequences longer than input.schema.max_sequence_length = " + enc.maxSequenceLength()
                + ": " + n + " rows, truncated to their most recent ids");
        return n;
    }

    /** The model the model.* and training.* keys describe, for the inputs {@code enc} produces. */
    public static ModelSpec modelSpec(JobConfig c, FeatureEncoding enc) {
        return ModelSpec.builder().type(ModelType.parse(c.string("model.type")))
                .attentionActivation(c.string("model.attention_activation"))
                .attentionHidden(c.ints("model.attention_hidden"))
                .sequence(enc.maxSequenceLength(), enc.hasSequences() ? enc.candidatePositions() : new int[0])
                .activation(c.string("model.activation")).hidden(c.ints("model.hidden"))
                .embeddingDim(c.integer("model.embedding_dim")).dropout(c.real("model.dropout"))
                .hashBuckets(enc.hashBuckets()).categoricalFields(enc.fieldInputs())
                .bucketFields(enc.fieldInputs() - enc.categoricalFields().size())
                .numericInputs(enc.numericInputs()).learningRate(c.real("training.learning_rate"))
                .l2(c.real("training.l2")).mbaL2(c.real("training.mba_l2"))
                .embeddingUpdater(TableUpdater.parse(c.string("training.embedding_updater")))
                .embeddingLearningRate(c.real("training.embedding_learning_rate"))
                .seed(c.longValue("training.seed")).build();
    }

    /** The training.* keys as a spec. */
    public static TrainingSpec trainingSpec(JobConfig c) {
        return TrainingSpec.builder().master(c.string("training.master")).epochs(c.integer("training.epochs"))
                .batchSize(c.integer("training.batch_size")).patience(c.integer("training.patience"))
                .lrDecay(c.real("training.lr_decay")).averagingFrequency(c.integer("training.averaging_frequency")).build();
    }

    /** What manifest.json records besides format, digest and time: activation, config, encoding, model. */
    public static Map<String, Object> manifestExtras(JobConfig c, FeatureEncoding enc, ModelSpec model) throws Exception {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("activation", model.activation().toString());
        extras.put("config", c.values());
        extras.put("feature_encoding", new ObjectMapper().readValue(enc.toJson(),
                new TypeReference<LinkedHashMap<String, Object>>() { }));
        extras.put("model", model.toMap());
        return extras;
    }
}
