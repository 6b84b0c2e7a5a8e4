package io.sparkact.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quarantine: every bad row with where it came from and why, written as JSON lines (one object per line)
 * into a directory (Spark's writer: one {@code part-*.json} file, then {@code _SUCCESS}).
 *
 * <p>Fields of each record: {@code file} (the source file URI), {@code offset} (byte offset of the line in
 * the file for text input; absent for Parquet, where the position is unknown), {@code raw} (the line, or for
 * Parquet the configured columns as JSON; invalid UTF-8 bytes shown as U+FFFD; cut after
 * {@value #MAX_RAW_CHARS} characters), {@code reason} (a {@link BadReason#code()}) and {@code detail} (the
 * field, the value and what is allowed).
 */
public final class Quarantine {

    /** The longest raw text kept per record: a binary file read as text must not blow up the quarantine. */
    public static final int MAX_RAW_CHARS = 4096;

    /** Schema of a quarantine record. */
    public static final StructType TYPE = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("offset", DataTypes.LongType, true)
            .add("raw", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true);

    private Quarantine() { }

    static Row record(String file, Long offset, String raw, BadReason reason, String detail) {
        String r = raw;
        if (r != null && r.length() > MAX_RAW_CHARS) {
            r = r.substring(0, MAX_RAW_CHARS) + "…(" + raw.length() + " characters in all)";
        }
        return RowFactory.create(file, offset, r, reason.code(), detail);
    }

    /** Writes the records into {@code dir} (replacing what is there) as one JSON-lines file. */
    static void write(Dataset<Row> records, String dir) {
        records.coalesce(1).write().mode(SaveMode.Overwrite).json(dir);
    }
}
