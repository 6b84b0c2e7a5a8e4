package io.sparkact.data;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads an {@link InputSpec}'s input: resolves the paths, parses every row, keeps every good row, writes
 * every bad row to the quarantine, and enforces {@code input.max_bad_fraction}.
 *
 * <p>Counts are exact: they come from one action over the persisted parse result (not from accumulators,
 * which may count a re-executed task twice). The quarantine is written before the limit is checked, so a
 * failed run leaves the evidence behind.
 */
public final class InputReader {

    private InputReader() { }

    /**
     * @throws InputException    missing path, glob or directory without data files, no rows, missing column
     * @throws BadInputException quarantined / read above the limit (after the quarantine is written)
     */
    public static ReadResult read(SparkSession spark, InputSpec spec, String quarantineDir) {
        if (quarantineDir == null || quarantineDir.isBlank()) {
            throw new IllegalArgumentException("quarantineDir must be a directory path");
        }
        List<Path> files = InputPaths.resolve(spec.paths(), spark.sparkContext().hadoopConfiguration());
        SplitInput split;
        try {
            split = spec.format() == InputFormat.PARQUET
                    ? ParquetSource.read(spark, spec, files) : text(spark, spec, files);
        } catch (IOException e) {
            throw new InputException("input " + spec.paths() + " cannot be read: " + e.getMessage(), e);
        }
        long read = split.goodCount + split.badCount;
        if (read == 0) {
            split.release.run();
            throw new InputException("input " + spec.paths() + " holds no data rows (" + files.size() + " file(s))");
        }
        Quarantine.write(split.bad, quarantineDir);
        if ((double) split.badCount / read > spec.maxBadFraction()) {
            split.release.run();
            throw new BadInputException(split.badCount, read, spec.maxBadFraction(), quarantineDir);
        }
        return new ReadResult(split.good, read, split.goodCount, split.badCount, quarantineDir, split.release);
    }

    private static SplitInput text(SparkSession spark, InputSpec spec, List<Path> files) throws IOException {
        JavaRDD<Outcome> outcomes = TextSource.outcomes(spark, spec, files).persist(StorageLevel.MEMORY_AND_DISK());
        Map<Boolean, Long> counts = outcomes.map(Outcome::isGood).countByValue();
        Dataset<Row> good = spark.createDataFrame(outcomes.filter(Outcome::isGood).map(o -> o.good),
                textType(spec.schema(), spec.labeled()));
        Dataset<Row> bad = spark.createDataFrame(outcomes.filter(o -> !o.isGood()).map(o -> o.bad), Quarantine.TYPE);
        return new SplitInput(good, bad, counts.getOrDefault(true, 0L), counts.getOrDefault(false, 0L),
                outcomes::unpersist);
    }

    /** The canonical schema of labeled (training) text input. */
    static StructType textType(Schema s) {
        return textType(s, true);
    }

    /**
     * The canonical schema of text input: the label (training only) and numeric columns are doubles, every
     * other column a string.
     */
    static StructType textType(Schema s, boolean labeled) {
        StructType t = new StructType();
        if (labeled) {
            t = t.add(s.label(), DataTypes.DoubleType, false);
        }
        for (String n : s.numeric()) {
            t = t.add(n, DataTypes.DoubleType, true);
        }
        for (List<String> group : List.of(s.categorical(), s.sequence(), s.id())) {
            for (String n : group) {
                t = t.add(n, DataTypes.StringType, true);
            }
        }
        return t;
    }
}
