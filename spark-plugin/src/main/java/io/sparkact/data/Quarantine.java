package io.sparkact.data;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The quarantine: every bad row with where it came from and why, written as JSON lines (one object per line)
 * into a directory: one {@code part-*.txt} file, then {@code _SUCCESS} (Spark's text writer).
 *
 * <p>The JSON is produced with ND4J's shaded Jackson rather than Spark's JSON writer: on this build's test
 * classpath Spark's jackson-databind 2.15 meets avro's jackson-core 2.14 and Spark's JSON functions fail
 * ({@code NoClassDefFoundError: StreamReadConstraints}); the shaded copy cannot clash.
 *
 * <p>Fields of each record: {@code file} (the source file URI), {@code offset} (byte offset of the line in
 * the file, for text input), {@code row} (0-based index of the row in its file, for Parquet, from Spark's
 * {@code _metadata.row_index}; text input has no row numbers because a split starts mid-file), {@code raw}
 * (the line, or for Parquet the configured columns as {@code name=value, …}; invalid UTF-8 bytes shown as
 * U+FFFD; cut after {@value #MAX_RAW_CHARS} characters), {@code reason} (a {@link BadReason#code()}) and
 * {@code detail} (the field, the value and what is allowed; for invalid UTF-8 the bad bytes in hex and their
 * file offset).
 */
public final class Quarantine {

    /** The longest raw text kept per record: a binary file read as text must not blow up the quarantine. */
    public static final int MAX_RAW_CHARS = 4096;

    /** Schema of a quarantine record. */
    public static final StructType TYPE = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("offset", DataTypes.LongType, true)
            .add("row", DataTypes.LongType, true)
            .add("raw", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Quarantine() { }

    /** A text input record: the line at byte {@code offset} of {@code file}. */
    static Row record(String file, Long offset, String raw, BadReason reason, String detail) {
        String r = raw;
        if (r != null && r.length() > MAX_RAW_CHARS) {
            r = r.substring(0, MAX_RAW_CHARS) + "…(" + raw.length() + " characters in all)";
        }
        return RowFactory.create(file, offset, null, r, reason.code(), detail);
    }

    /** Writes the records into {@code dir} (replacing what is there) as one JSON-lines file. */
    static void write(Dataset<Row> records, String dir) {
        records.map((MapFunction<Row, String>) Quarantine::toJson, Encoders.STRING())
                .repartition(1).write().mode(SaveMode.Overwrite).text(dir); // shuffles only the bad rows
    }

    /** One record as a JSON object; {@code offset} and {@code row} are left out when unknown. */
    static String toJson(Row r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", r.getString(0));
        if (!r.isNullAt(1)) {
            o.put("offset", r.getLong(1));
        }
        if (!r.isNullAt(2)) {
            o.put("row", r.getLong(2));
        }
        o.put("raw", r.getString(3));
        o.put("reason", r.getString(4));
        o.put("detail", r.getString(5));
        return o.toString();
    }
}
