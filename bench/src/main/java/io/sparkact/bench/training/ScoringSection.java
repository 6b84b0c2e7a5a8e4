package io.sparkact.bench.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkact.bench.BenchSettings;
import io.sparkact.bench.MarkdownTable;
import io.sparkact.bench.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.FeatureHasher;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Scoring: the score job (a dnn trained by the train job) against Spark MLlib's
 * {@code LogisticRegressionModel.transform} on the same rows, both reading cached rows, featurising, predicting
 * and writing Parquet (id, pctr); and the quality baseline — MLlib logistic regression's validation AUC next to
 * the dnn's and the oracle's (the AUC of the true click probability).
 *
 * <p>MLlib's features: the numeric columns as log1p(max(x, 0)) (the dnn's default numeric transform), then
 * {@link FeatureHasher} over numeric and categorical columns into as many buckets as the dnn's hash table.
 */
public final class ScoringSection {

    /** Target of issue 10: score job rows/s at least this fraction of MLlib's. */
    static final double MIN_RATIO = 0.5;
    private static final Pattern SCORED = Pattern.compile("scored (\\d+) rows .*?, (\\d+) rows/s");

    private final Workload w;

    public ScoringSection(Workload w) {
        this.w = w;
    }

    public Section run() throws Exception {
        BenchSettings s = w.settings();
        long rows = s.rows(60_000, 3_000);
        Path data = w.generate("scoring-data", rows, 13);
        Path model = w.dir("scoring-model");
        s.say("scoring: training the dnn (train job, 2 epochs on %,d rows) ...", rows * 4 / 5);
        w.job("train", Workload.modelSets(Map.of("training.epochs", s.quick() ? "1" : "2",
                "input.train", data.resolve("train").toString(), "input.valid", data.resolve("valid").toString(),
                "output", model.toString())));
        ObjectMapper json = new ObjectMapper();
        double dnnAuc = json.readTree(model.resolve("metrics.json").toFile()).get("auc").asDouble();
        JsonNode oracle = json.readTree(data.resolve("oracle.json").toFile());

        s.say("scoring: score job over the training rows ...");
        Path scores = w.dir("scoring-scores");
        String out = w.job("score", Map.of("model", model.toString(), "input.path", data.resolve("train").toString(),
                "input.format", "parquet", "input.schema.id", "[id]", "output", scores.toString()));
        Matcher m = SCORED.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("score printed no 'scored N rows ..., R rows/s' line: " + out);
        }
        long scored = Long.parseLong(m.group(1));
        double scoreRate = Double.parseDouble(m.group(2));

        s.say("scoring: MLlib logistic regression (fit, AUC, transform) ...");
        Dataset<Row> train = features(w.spark().read().parquet(data.resolve("train").toString())).cache();
        Dataset<Row> valid = features(w.spark().read().parquet(data.resolve("valid").toString())).cache();
        long trainRows = train.count();
        valid.count();
        PipelineModel lr = pipeline().fit(train);
        double lrAuc = new BinaryClassificationEvaluator().setLabelCol("label").setRawPredictionCol("rawPrediction")
                .setMetricName("areaUnderROC").evaluate(lr.transform(valid));
        Path lrScores = w.dir("scoring-mllib");
        long t0 = System.nanoTime();
        lr.transform(train).select(col("id"), functions.vector_to_array(col("probability"), "float64")
                .getItem(1).as("pctr")).write().mode(SaveMode.Overwrite).parquet(lrScores.toString());
        double lrRate = trainRows / ((System.nanoTime() - t0) / 1e9);
        train.unpersist();
        valid.unpersist();
        s.say("scoring: score %.0f rows/s, MLlib %.0f rows/s; AUC dnn %.4f, LR %.4f, oracle %.4f", scoreRate, lrRate,
                dnnAuc, lrAuc, oracle.get("auc").asDouble());

        MarkdownTable t = new MarkdownTable(List.of("model", "rows/s", "x MLlib LR", "val AUC"),
                List.of("rows/s", "x MLlib LR", "val AUC"));
        t.row("dnn, score job", MarkdownTable.num(scoreRate, 0), MarkdownTable.num(scoreRate / lrRate, 2),
                MarkdownTable.num(dnnAuc, 4));
        t.row("MLlib LogisticRegression (FeatureHasher + transform)", MarkdownTable.num(lrRate, 0), "1.00",
                MarkdownTable.num(lrAuc, 4));
        t.row("oracle (true click probability)", "", "", MarkdownTable.num(oracle.get("auc").asDouble(), 4));
        double ratio = scoreRate / lrRate;
        String body = String.format(Locale.ROOT, """
                %,d rows (the training split of %,d generated rows) scored on Spark %s: rows/s from reading the cached
                rows to the written Parquet (id, pctr), as the score job reports it; MLlib's pipeline timed the same way
                (FeatureHasher, LogisticRegressionModel.transform, write). AUC on the validation split: the dnn trained
                by the train job (quickstart dnn, relu), MLlib's LogisticRegression (default regularisation, 100
                iterations) on the same hashed features. Target: score >= %.1fx MLlib's rows/s — %s (%.2fx).

                """, scored, rows, Workload.MASTER, MIN_RATIO, ratio >= MIN_RATIO ? "met" : "missed", ratio) + t.render();
        return new Section("Scoring", body);
    }

    private static final int NUMERIC = 13;
    private static final int CATEGORICAL = 26;

    /** log1p(max(I, 0)) for the numeric columns; label as double. */
    private static Dataset<Row> features(Dataset<Row> raw) {
        List<Column> cols = new ArrayList<>(List.of(col("id"), col("label").cast("double").as("label")));
        for (int j = 1; j <= NUMERIC; j++) {
            cols.add(log1p(greatest(col("I" + j).cast("double"), lit(0.0))).as("I" + j));
        }
        for (int j = 1; j <= CATEGORICAL; j++) {
            cols.add(col("C" + j));
        }
        return raw.select(cols.toArray(new Column[0]));
    }

    private static Pipeline pipeline() {
        List<String> in = new ArrayList<>();
        for (int j = 1; j <= NUMERIC; j++) {
            in.add("I" + j);
        }
        for (int j = 1; j <= CATEGORICAL; j++) {
            in.add("C" + j);
        }
        FeatureHasher hasher = new FeatureHasher().setInputCols(in.toArray(new String[0])).setOutputCol("features")
                .setNumFeatures(Integer.parseInt(Workload.MODEL.get("features.hash_buckets")));
        LogisticRegression lr = new LogisticRegression().setLabelCol("label").setFeaturesCol("features").setMaxIter(100);
        return new Pipeline().setStages(new PipelineStage[] {hasher, lr});
    }
}
