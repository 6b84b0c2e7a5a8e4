package io.sparkact.data.synth;

import java.io.IOException;
import java.util.Collections;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows carrying an {@code is_valid} flag as {@code base/train/} and {@code base/valid/} in one
 * Spark job: a write partitioned by the flag into {@code base/.generate-staging}, then one rename per
 * split. The staging name starts with a dot, which Hadoop input formats and Spark's file index skip, so a
 * reader of base never mistakes it for data.
 */
final class SplitWriter {

    static final String STAGING = ".generate-staging";

    private SplitWriter() {
    }

    /** {@code files} = the data columns plus is_valid; {@code source} = "parquet" or "text". */
    static void write(SparkSession spark, Dataset<Row> files, String base, String source) throws IOException {
        Path staging = new Path(base, STAGING);
        files.write().mode(SaveMode.Overwrite).partitionBy(SyntheticData.IS_VALID).format(source)
                .save(staging.toString());
        FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
        StructType dataSchema = files.drop(SyntheticData.IS_VALID).schema();
        promote(spark, fs, new Path(staging, SyntheticData.IS_VALID + "=false"), new Path(base, "train"),
                dataSchema, source);
        promote(spark, fs, new Path(staging, SyntheticData.IS_VALID + "=true"), new Path(base, "valid"),
                dataSchema, source);
        fs.delete(staging, true);
    }

    /** Replaces {@code target} by the partition directory; a split without rows gets an empty dataset. */
    private static void promote(SparkSession spark, FileSystem fs, Path partition, Path target,
                                StructType schema, String source) throws IOException {
        if (fs.exists(target) && !fs.delete(target, true)) {
            throw new IOException("cannot replace " + target);
        }
        if (!fs.exists(partition)) {
            // e.g. 1 row: one split is empty, and Spark writes no partition directory for it
            spark.createDataFrame(Collections.<Row>emptyList(), schema).write().format(source)
                    .save(target.toString());
            return;
        }
        if (!fs.rename(partition, target)) {
            throw new IOException("cannot rename " + partition + " to " + target);
        }
    }
}
