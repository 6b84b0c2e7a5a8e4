package io.sparkact.jobs.score;

import io.sparkact.data.FeatureEncoding;
import io.sparkact.data.InputReader;
import io.sparkact.data.ReadPurpose;
import io.sparkact.data.ReadResult;
import io.sparkact.io.AtomicFiles;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainRun;
import io.sparkact.registry.Manifests;
import io.sparkact.registry.ModelFiles;
import io.sparkact.train.TrainOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One scoring run: verify and broadcast the model → read → score per partition → write → check the count. */
final class ScoreRun {

    private final JobConfig c;
    private final ModelRef ref;
    private final SparkSession spark;
    private final PrintStream log;

    ScoreRun(JobConfig c, ModelRef ref, SparkSession spark, PrintStream log) {
        this.c = c;
        this.ref = ref;
        this.spark = spark;
        this.log = log;
    }

    /** Rows scored, rows quarantined, and scoring throughput. */
    record Outcome(long scored, long quarantined, double rowsPerSec) { }

    void run(PrintStream out) throws Exception {
        Outcome o = execute();
        out.printf(Locale.ROOT, "scored %d rows (%d quarantined), %.0f rows/s -> %s/scores%n", o.scored(),
                o.quarantined(), o.rowsPerSec(), c.string("output"));
    }

    Outcome execute() throws Exception {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ModelFiles files = ref.resolve(c.string("registry.root"), conf);
        // refuses a damaged model (manifest, format version, sha256, restorable zip) before any work; the graph
        // itself is loaded again on each executor from the broadcast bytes
        ModelFiles.Loaded loaded = files.load(conf);
        Map<String, Object> manifest = loaded.manifest();
        byte[] model = loaded.bytes();
        FeatureEncoding enc = Manifests.encoding(manifest, files.manifest());
        log.println("model " + files.model() + " (sha256 " + manifest.get("sha256") + ")");

        String output = c.string("output");
        Path outDir = new Path(output);
        FileSystem fs = AtomicFiles.fileSystem(outDir, conf);
        fs.delete(new Path(outDir, TrainOutput.SUCCESS), false); // overwrite was checked by the job
        ReadResult rows = InputReader.read(spark, TrainRun.input(c, "input.path", ReadPurpose.SCORE), output + "/quarantine");
        log.println("read: " + rows);

        List<String> ids = c.strings("input.schema.id");
        StructType in = rows.good().schema();
        StructType type = new StructType();
        int[] idIndex = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            idIndex[i] = in.fieldIndex(ids.get(i));
            type = type.add(in.fields()[idIndex[i]]);
        }
        type = type.add("pctr", DataTypes.DoubleType, false);

        long t0 = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> scored = rows.good().javaRDD().mapPartitions(new PartitionScorer(sc.broadcast(model),
                (String) manifest.get("sha256"), enc, idIndex, c.integer("score.batch_size")));
        String scores = output + "/scores";
        spark.createDataFrame(scored, type).write().mode(SaveMode.Overwrite).parquet(scores);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long written = spark.read().parquet(scores).count();
        if (written != rows.used()) {
            throw new IOException(scores + " holds " + written + " rows for " + rows.used() + " good input rows");
        }
        AtomicFiles.writeAtomically(conf, new Path(outDir, TrainOutput.SUCCESS).toString(), new byte[0]);
        rows.release();
        return new Outcome(written, rows.quarantined(), written / seconds);
    }
}
