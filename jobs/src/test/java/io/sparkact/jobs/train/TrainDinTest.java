package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DIN end to end, in-process on local[2]: CSV with "|"-separated behaviour sequences (some longer than
 * input.schema.max_sequence_length: counted as truncated), din and the dnn sum-pooling baseline; generated
 * Parquet data (array columns) through generate and train; and the usage error of din without a sequence.
 */
class TrainDinTest {

    @TempDir
    static Path dir;

    private static LocalSpark spark;
    /** Rows with a history of 6 ids in the train and valid CSVs; max_sequence_length is 5. */
    private static long trainLong;
    private static long validLong;
    private static CliRunner.Result din;

    @BeforeAll
    static void startSparkAndTrainDin() throws IOException {
        spark = LocalSpark.start();
        trainDin();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * label,x,user,item,cat,hist_item,hist_cat. Rule: a click with probability 0.9 when the candidate's category
     * is among the categories of the (kept) history, else 0.1; 30 items in 5 categories (item mod 5); history
     * lengths 1..6. (An exact item match was too sparse for 3,000 rows: val AUC 0.57 after 4 epochs.)
     */
    private static long writeCsv(Path file, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("label,x,user,item,cat,hist_item,hist_cat");
        long longOnes = 0;
        for (int i = 0; i < rows; i++) {
            int len = 1 + r.nextInt(6);
            longOnes += len == 6 ? 1 : 0;
            int cand = r.nextInt(30);
            boolean seen = false;
            StringBuilder hi = new StringBuilder();
            StringBuilder hc = new StringBuilder();
            for (int j = 0; j < len; j++) {
                int it = r.nextInt(30);
                seen |= it % 5 == cand % 5 && j >= len - 5; // only the 5 most recent are kept
                hi.append(j == 0 ? "" : "|").append("i").append(it);
                hc.append(j == 0 ? "" : "|").append("c").append(it % 5);
            }
            int label = r.nextDouble() < (seen ? 0.9 : 0.1) ? 1 : 0;
            lines.add(label + "," + r.nextGaussian() + ",u" + r.nextInt(50) + ",i" + cand + ",c" + cand % 5 + ","
                    + hi + "," + hc);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return longOnes;
    }

    private static String[] args(Path dir, String out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--set", "input.format=csv",
                "--set", "input.train=" + dir.resolve("train"), "--set", "input.valid=" + dir.resolve("valid"),
                "--set", "output=" + dir.resolve(out), "--set", "input.schema.numeric=x",
                "--set", "input.schema.categorical=user,item,cat", "--set", "input.schema.sequence=hist_item,hist_cat",
                "--set", "input.schema.sequence_candidate=item,cat", "--set", "input.schema.max_sequence_length=5",
                "--set", "model.hidden=16", "--set", "model.embedding_dim=4", "--set", "features.hash_buckets=500",
                "--set", "training.epochs=4", "--set", "training.batch_size=64", "--set", "training.learning_rate=0.01"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** Trains din on CSV sequences once; the tests below read its output. */
    private static void trainDin() throws IOException {
        trainLong = writeCsv(dir.resolve("train/part-0.csv"), 3000, 1);
        validLong = writeCsv(dir.resolve("valid/part-0.csv"), 1000, 2);
        din = CliRunner.run(args(dir, "din", "--set", "model.type=din", "--set", "model.attention_hidden=8"));
        System.out.print("din on csv: " + din.out);
    }

    @Test
    void dinTrainsOnCsvSequencesAndCountsTheTruncatedRows() {
        assertEquals(Main.OK, din.code, din.toString());
        Map<String, Object> metrics = TrainFiles.json(dir.resolve("din/metrics.json"));
        assertEquals(Map.of("read", 4000L, "used", 4000L, "quarantined", 0L, "truncated", trainLong + validLong),
                TrainFiles.rows(metrics));
        double dinAuc = ((Number) metrics.get("auc")).doubleValue();
        // the rule's ceiling: AUC of p in {0.1, 0.9} is about 0.9; chance is 0.5
        assertTrue(dinAuc > 0.75, "din AUC " + dinAuc + "; " + din);
        Map<String, Object> manifest = TrainFiles.json(dir.resolve("din/model/manifest.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) manifest.get("model");
        assertEquals("din", model.get("type"));
        // the default attention activation in its canonical form (every parameter spelled out)
        assertEquals(io.sparkact.catalog.ActivationCatalog.standard().parse("dice").toString(),
                model.get("attention_activation"));
        assertEquals(5, ((Number) model.get("sequence_length")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> enc = (Map<String, Object>) manifest.get("feature_encoding");
        assertEquals(List.of("item", "cat"), enc.get("sequence_candidate"));
    }

    /**
     * score with the din model on the validation rows (an id column added) reproduces train's validation AUC
     * and logloss, computed here from the scores and the CSV's labels: the saved model is the best epoch's,
     * the one metrics.json reports, and score must encode and mask the sequences as training did (without the
     * masks the padded positions would get attention weight and every short history's pctr would move).
     */
    @Test
    void scoringTheValidationRowsWithTheDinModelReproducesItsMetrics() throws IOException {
        assertEquals(Main.OK, din.code, din.toString());
        List<String> lines = Files.readAllLines(dir.resolve("valid/part-0.csv"));
        List<String> withId = new ArrayList<>(List.of("rid," + lines.get(0)));
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            withId.add("r" + i + "," + lines.get(i));
            labels.put("r" + i, Integer.parseInt(lines.get(i).substring(0, 1)));
        }
        Files.createDirectories(dir.resolve("to-score"));
        Files.write(dir.resolve("to-score/part-0.csv"), withId);
        CliRunner.Result res = CliRunner.run("score", "--set", "input.format=csv", "--set", "model=" + dir.resolve("din/model"),
                "--set", "input.path=" + dir.resolve("to-score"), "--set", "input.schema.id=rid",
                "--set", "input.schema.numeric=x", "--set", "input.schema.categorical=user,item,cat",
                "--set", "input.schema.sequence=hist_item,hist_cat", "--set", "output=" + dir.resolve("scored"));
        assertEquals(Main.OK, res.code, res.toString());
        List<Row> scored = SparkSession.active().read().parquet(dir.resolve("scored/scores").toString()).collectAsList();
        assertEquals(labels.size(), scored.size());
        List<double[]> pairs = new ArrayList<>();
        for (Row r : scored) {
            pairs.add(new double[] {r.getDouble(1), labels.get(r.getString(0))});
        }
        Map<String, Object> metrics = TrainFiles.json(dir.resolve("din/metrics.json"));
        // a pctr differs from training's by float rounding at most (another batch): 1e-4 in AUC is ~25 swapped
        // pairs of 250,000, 1e-5 in the mean logloss far more than rounding moves it
        assertEquals(((Number) metrics.get("auc")).doubleValue(), auc(pairs), 1e-4);
        assertEquals(((Number) metrics.get("logloss")).doubleValue(), logloss(pairs), 1e-5);
    }

    /** Mann-Whitney: the share of (click, no click) pairs the scores order right, ties counted 1/2. */
    private static double auc(List<double[]> pairs) {
        double right = 0;
        long n = 0;
        for (double[] pos : pairs) {
            for (double[] neg : pairs) {
                if (pos[1] == 1 && neg[1] == 0) {
                    right += pos[0] > neg[0] ? 1 : pos[0] == neg[0] ? 0.5 : 0;
                    n++;
                }
            }
        }
        return right / n;
    }

    private static double logloss(List<double[]> pairs) {
        double sum = 0;
        for (double[] p : pairs) {
            sum -= p[1] == 1 ? Math.log(p[0]) : Math.log(1 - p[0]);
        }
        return sum / pairs.size();
    }

    @Test
    void theSumPoolingBaselineTrainsOnTheSameData() {
        CliRunner.Result dnn = CliRunner.run(args(dir, "dnn"));
        assertEquals(Main.OK, dnn.code, dnn.toString());
        System.out.print("dnn (sum-pooled history) on csv: " + dnn.out);
        assertTrue(Files.isRegularFile(dir.resolve("dnn/_SUCCESS")));
        assertEquals("dnn", TrainFiles.json(dir.resolve("dnn/metrics.json")).get("model"));
    }

    @Test
    void dinWithoutASequenceIsAUsageError(@TempDir Path own) throws Exception {
        writeCsv(own.resolve("train/part-0.csv"), 50, 1);
        writeCsv(own.resolve("valid/part-0.csv"), 50, 2);
        CliRunner.Result res = CliRunner.run(args(own, "nope", "--set", "model.type=din",
                "--set", "input.schema.sequence_candidate=[]"));
        assertEquals(Main.USAGE, res.code, res.toString());
        assertTrue(res.err.contains("model.type given invalid value din; allowed: din only with a behaviour sequence: "
                + "input.schema.sequence and input.schema.sequence_candidate (one categorical column per sequence "
                + "column)"), res.err);
    }

    @Test
    void generatedParquetSequencesTrainDin(@TempDir Path own) throws Exception {
        CliRunner.Result gen = CliRunner.run(new String[] {"generate", "--set", "output=" + own.resolve("data"),
                "--set", "rows=3000", "--set", "sequence=on", "--set", "numeric_fields=1",
                "--set", "categorical_fields=2", "--set", "partitions=2"});
        assertEquals(Main.OK, gen.code, gen.toString());
        CliRunner.Result res = CliRunner.run(new String[] {"train", "--set", "input.format=parquet",
                "--set", "input.train=" + own.resolve("data/train"), "--set", "input.valid=" + own.resolve("data/valid"),
                "--set", "output=" + own.resolve("din"), "--set", "input.schema.numeric=I1",
                "--set", "input.schema.categorical=C1,C2,item,item_cat",
                "--set", "input.schema.sequence=hist_item,hist_cat",
                "--set", "input.schema.sequence_candidate=item,item_cat", "--set", "model.type=din",
                "--set", "model.attention_activation=prelu", "--set", "model.attention_hidden=8",
                "--set", "model.hidden=8", "--set", "model.embedding_dim=4", "--set", "features.hash_buckets=2000",
                "--set", "training.epochs=1", "--set", "training.batch_size=128"});
        assertEquals(Main.OK, res.code, res.toString());
        Map<String, Object> metrics = TrainFiles.json(own.resolve("din/metrics.json"));
        // generated histories are 1..50 long and the default maximum is 50: nothing is truncated
        assertEquals(0L, TrainFiles.rows(metrics).get("truncated"));
    }
}
