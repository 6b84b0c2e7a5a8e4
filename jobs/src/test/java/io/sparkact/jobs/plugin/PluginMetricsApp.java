package io.sparkact.jobs.plugin;

import io.sparkact.models.ModelSpec;
import io.sparkact.train.SparkSetup;
import io.sparkact.train.SparkTrainer;
import io.sparkact.train.TrainingSpec;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The driver {@link PluginMetricsIT} starts in a child JVM (so that SPARK_HOME, SPARK_SCALA_VERSION and
 * SPARK_LOCAL_IP=127.0.0.1 are in its environment, which local-cluster's workers and the UI read): trains a small
 * model with the plugin on, then fetches its own UI's {@code /metrics/json} and {@code /metrics/prometheus} once the
 * driver's example count has reached {@code expectedExamples} (or 60 s have passed) and writes both to OUT.
 *
 * <p>Args: OUT MASTER APP_JAR ROWS BATCH EPOCHS PROPERTIES (conf/sparkact-plugin.properties)
 * TEST_JVM_PID.
 */
public final class PluginMetricsApp {

    static final int CAT = 3;
    static final int NUM = 2;
    static final int VALUES = 8;
    /** spark.metrics.namespace in conf/sparkact-plugin.properties. */
    static final String NAMESPACE = "sparkact";

    private PluginMetricsApp() {
    }

    public static void main(String[] args) throws Exception {
        exitWithParent(Long.parseLong(args[7]));
        Path out = Path.of(args[0]);
        int rows = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        int epochs = Integer.parseInt(args[5]);
        SparkConf conf = new SparkConf().setMaster(args[1]).setAppName("PluginMetricsIT")
                // on the executors' class path rather than shipped with spark.jars: same machine, and no copy of
                // the 157 MB jar into each executor's work directory
                .set("spark.executor.extraClassPath", args[2])
                .set("spark.ui.enabled", "true")
                .set("spark.ui.port", "0")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "1g")
                .set("spark.executor.extraJavaOptions",
                        "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"))
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        // the documented snippet itself, then a shorter report interval so the test waits less
        Properties snippet = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[6]))) {
            snippet.load(in);
        }
        snippet.stringPropertyNames().forEach(k -> conf.set(k, snippet.getProperty(k)));
        conf.set("spark.sparkact.plugin.reportIntervalMs", "200");
        long start = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(SparkSetup.configure(conf))) {
            ModelSpec model = ModelSpec.builder().activation("relu").hidden(16, 8).embeddingDim(4)
                    .hashBuckets(CAT * VALUES).categoricalFields(CAT).numericInputs(NUM).learningRate(0.01).seed(7).build();
            TrainingSpec training = TrainingSpec.builder().master("averaging").epochs(epochs).batchSize(batch)
                    .patience(0).build();
            new SparkTrainer(sc, model, training).train(sc.parallelize(batches(rows, batch, 1), 2),
                    sc.parallelize(batches(rows / 4, batch, 2), 2), line -> System.out.println(line));
            String ui = sc.sc().uiWebUrl().get();
            String examplesKey = "\"" + NAMESPACE + ".driver.plugin.io.sparkact.plugin.SparkActPlugin.training.examples\"";
            long expected = (long) rows * epochs;
            String json = "";
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                json = get(ui + "/metrics/json/");
                if (json.matches("(?s).*" + java.util.regex.Pattern.quote(examplesKey) + "\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*"
                        + expected + "\\b.*")) {
                    break;
                }
                Thread.sleep(200);
            }
            Files.writeString(out.resolve("metrics.json"), json);
            Files.writeString(out.resolve("metrics.prom"), get(ui + "/metrics/prometheus/"));
            Files.writeString(out.resolve("ui-url"), ui);
            Files.writeString(out.resolve("seconds"), String.valueOf((System.nanoTime() - start) / 1e9));
        }
    }

    /**
     * Exits (Spark's shutdown hook then stops the local cluster and its executor JVMs) when the test JVM
     * {@code pid} is gone, so a killed build leaves no driver and executors behind.
     */
    private static void exitWithParent(long pid) {
        Thread t = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("test JVM " + pid + " is gone: exiting");
            System.exit(3);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static String get(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * {@code rows} examples in minibatches of exactly {@code batch} rows (rows must be a multiple): 3 categorical
     * fields of 8 values (field f, value v in bucket 8f + v) and 2 standard-normal numbers; label ~ Bernoulli of
     * sigmoid(x0 − x1 + 0.5·[c0 is even]). Whole minibatches keep the workers' re-batching from changing the count.
     */
    static List<MultiDataSet> batches(int rows, int batch, long seed) {
        if (rows % batch != 0) {
            throw new IllegalArgumentException("rows " + rows + " is not a multiple of the batch size " + batch);
        }
        Random r = new Random(seed);
        List<MultiDataSet> out = new ArrayList<>();
        for (int start = 0; start < rows; start += batch) {
            INDArray cat = Nd4j.create(DataType.FLOAT, batch, CAT);
            INDArray num = Nd4j.create(DataType.FLOAT, batch, NUM);
            INDArray y = Nd4j.create(DataType.FLOAT, batch, 1);
            for (int i = 0; i < batch; i++) {
                int c0 = r.nextInt(VALUES);
                for (int f = 0; f < CAT; f++) {
                    cat.putScalar(i, f, VALUES * f + (f == 0 ? c0 : r.nextInt(VALUES)));
                }
                double x0 = r.nextGaussian();
                double x1 = r.nextGaussian();
                num.putScalar(i, 0, x0);
                num.putScalar(i, 1, x1);
                double p = 1 / (1 + Math.exp(-(x0 - x1 + (c0 % 2 == 0 ? 0.5 : 0))));
                y.putScalar(i, 0, r.nextDouble() < p ? 1 : 0);
            }
            out.add(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {cat, num}, new INDArray[] {y}));
        }
        return out;
    }
}
