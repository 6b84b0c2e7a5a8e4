package io.sparkact.data;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads Parquet input with Spark, checks that the configured columns exist with usable types (numeric
 * columns numeric; label numeric or boolean; sequence string or array), and splits rows into good ones
 * (canonical schema) and quarantine records: label null or not 0/1, a numeric column NaN or ±Infinity. When
 * scoring, the label is not required, checked or returned ({@link ReadPurpose#SCORE}). The
 * quarantine's file comes from {@code input_file_name()}, the row's position in it from Spark's
 * {@code _metadata.row_index} (Spark 3.5+: the index counts every row of the file, bad ones included).
 */
final class ParquetSource {

    private static final String REASON = "__sparkact_reason";
    private static final String DETAIL = "__sparkact_detail";

    private ParquetSource() { }

    static SplitInput read(SparkSession spark, InputSpec spec, List<Path> files) {
        Schema s = spec.schema();
        List<String> columns = spec.readColumns();
        checkFooters(files, spark.sparkContext().hadoopConfiguration(), columns);
        String[] paths = files.stream().map(Path::toString).toArray(String[]::new);
        Dataset<Row> df = spark.read().parquet(paths);
        validate(df.schema(), spec);

        Rules rules = new Rules();
        if (spec.labeled()) {
            Column label = col(s.label()).cast(DataTypes.DoubleType);
            rules.add(col(s.label()).isNull(), BadReason.MISSING_LABEL, lit(s.label() + " is null; allowed: 0 or 1"));
            rules.add(label.notEqual(0.0).and(label.notEqual(1.0)), BadReason.BAD_LABEL,
                    concat(lit(s.label() + " given "), col(s.label()).cast("string"), lit("; allowed: 0 or 1")));
        }
        for (String n : s.numeric()) {
            DataType t = df.schema().apply(n).dataType();
            if (t instanceof DoubleType || t instanceof FloatType) {
                Column c = col(n).cast(DataTypes.DoubleType);
                Column nonFinite = isnan(c).or(c.equalTo(Double.POSITIVE_INFINITY))
                        .or(c.equalTo(Double.NEGATIVE_INFINITY));
                rules.add(nonFinite, BadReason.NOT_FINITE, concat(lit(n + " given "), c.cast("string"),
                        lit("; allowed: a finite number or null")));
            }
        }
        // Not to_json: Spark's JSON functions clash with the test classpath's jackson-core (see Quarantine).
        Column raw = concat_ws(", ", columns.stream()
                .map(c -> concat(lit(c + "="), coalesce(col(c).cast("string"), lit("null"))))
                .toArray(Column[]::new));
        Dataset<Row> annotated = df.select(col("*"), rules.reason().as(REASON), rules.detail().as(DETAIL),
                input_file_name().as("__sparkact_file"), col("_metadata.row_index").as("__sparkact_row"),
                raw.as("__sparkact_raw"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        long[] counts = countGoodBad(annotated);
        Dataset<Row> good = annotated.filter(col(REASON).isNull()).select(canonical(df.schema(), spec));
        Dataset<Row> bad = annotated.filter(col(REASON).isNotNull()).select(
                col("__sparkact_file").as("file"), lit(null).cast(DataTypes.LongType).as("offset"),
                col("__sparkact_row").as("row"), col("__sparkact_raw").as("raw"), col(REASON).as("reason"),
                col(DETAIL).as("detail"));
        return new SplitInput(good, bad, counts[0], counts[1], annotated::unpersist);
    }

    /** The quarantine rules as one CASE WHEN chain: the first matching rule gives reason and detail. */
    private static final class Rules {
        private Column reason;
        private Column detail;

        void add(Column bad, BadReason why, Column text) {
            reason = reason == null ? when(bad, lit(why.code())) : reason.when(bad, lit(why.code()));
            detail = detail == null ? when(bad, text) : detail.when(bad, text);
        }

        /** Null for a good row; also when there are no rules at all (scoring integer-only numerics). */
        Column reason() {
            return reason == null ? lit(null).cast(DataTypes.StringType) : reason;
        }

        Column detail() {
            return detail == null ? lit(null).cast(DataTypes.StringType) : detail;
        }
    }

    /** One action: {good, bad}. */
    private static long[] countGoodBad(Dataset<Row> annotated) {
        long good = 0;
        long bad = 0;
        for (Row r : annotated.groupBy(col(REASON).isNull().as("ok")).count().collectAsList()) {
            if (r.getBoolean(0)) {
                good = r.getLong(1);
            } else {
                bad = r.getLong(1);
            }
        }
        return new long[] {good, bad};
    }

    private static Column[] canonical(StructType in, InputSpec spec) {
        Schema s = spec.schema();
        List<Column> out = new ArrayList<>();
        if (spec.labeled()) {
            out.add(col(s.label()).cast(DataTypes.DoubleType).as(s.label()));
        }
        s.numeric().forEach(n -> out.add(col(n).cast(DataTypes.DoubleType).as(n)));
        s.categorical().forEach(n -> out.add(col(n).cast(DataTypes.StringType).as(n)));
        for (String n : s.sequence()) {
            boolean array = in.apply(n).dataType() instanceof ArrayType;
            Column c = array ? array_join(col(n).cast("array<string>"), "|") : col(n).cast(DataTypes.StringType);
            out.add(c.as(n));
        }
        s.id().forEach(n -> out.add(col(n)));
        return out.toArray(new Column[0]);
    }

    /**
     * Every file must hold every configured column, with the same type in every file: Spark infers the schema
     * from one file and would read a column missing elsewhere as null (silently "missing" numerics), and a
     * column whose type differs in another file fails only when a task reaches that file, as a runtime error.
     * One footer read per file, on the driver.
     */
    @SuppressWarnings("deprecation") // readFooter(conf, path, filter) is the simple form; its replacement needs an InputFile
    private static void checkFooters(List<Path> files, Configuration conf, List<String> columns) {
        Map<String, Type> first = new LinkedHashMap<>();
        Path firstFile = null;
        for (Path f : files) {
            MessageType schema;
            try {
                schema = ParquetFileReader.readFooter(conf, f, ParquetMetadataConverter.SKIP_ROW_GROUPS)
                        .getFileMetaData().getSchema();
            } catch (IOException | RuntimeException e) {
                throw new InputException("input file " + f + " is not a readable Parquet file: " + e.getMessage(), e);
            }
            for (String c : columns) {
                if (!schema.containsField(c)) {
                    throw new InputException("Parquet input file " + f + " has no column '" + c + "'");
                }
                Type t = schema.getType(c);
                if (firstFile == null) {
                    first.put(c, t);
                } else if (!sameType(first.get(c), t)) {
                    throw new InputException("Parquet input file " + f + ": column '" + c + "' has type "
                            + describe(t) + " but " + firstFile + " has " + describe(first.get(c))
                            + "; every input file must give a column the same type");
                }
            }
            if (firstFile == null) {
                firstFile = f;
            }
        }
    }

    /** Same Parquet type, ignoring whether the column is required or optional (Spark reads both as nullable). */
    private static boolean sameType(Type a, Type b) {
        return describe(a).equals(describe(b));
    }

    /** A Parquet type without its repetition, e.g. "double", "binary (STRING)", "group { ... }". */
    private static String describe(Type t) {
        if (t.isPrimitive()) {
            String name = t.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT);
            return t.getLogicalTypeAnnotation() == null ? name : name + " (" + t.getLogicalTypeAnnotation() + ")";
        }
        String text = t.toString().strip();
        return text.substring(text.indexOf(' ') + 1); // drop the leading "optional"/"required"/"repeated"
    }

    private static void validate(StructType type, InputSpec spec) {
        Schema s = spec.schema();
        List<String> paths = spec.paths();
        List<String> names = Arrays.asList(type.fieldNames());
        for (String c : spec.readColumns()) {
            if (!names.contains(c)) {
                throw new InputException("Parquet input " + paths + " has no column '" + c
                        + "'; its columns are: " + String.join(", ", names));
            }
        }
        if (spec.labeled()) { // when scoring, a label column is neither required nor looked at
            DataType lt = type.apply(s.label()).dataType();
            if (!(lt instanceof NumericType || lt instanceof BooleanType)) {
                throw badType(paths, s.label(), "label", lt, "a numeric or boolean type");
            }
        }
        for (String n : s.numeric()) {
            DataType t = type.apply(n).dataType();
            if (!(t instanceof NumericType)) {
                throw badType(paths, n, "numeric", t, "a numeric type");
            }
        }
        for (Map.Entry<String, List<String>> e : Map.of("categorical", s.categorical(), "sequence", s.sequence())
                .entrySet()) {
            for (String n : e.getValue()) {
                DataType t = type.apply(n).dataType();
                if (t instanceof StructType || t instanceof org.apache.spark.sql.types.MapType
                        || (t instanceof ArrayType && e.getKey().equals("categorical"))) {
                    throw badType(paths, n, e.getKey(), t, "a string, number or boolean"
                            + (e.getKey().equals("sequence") ? " or an array of them" : ""));
                }
            }
        }
    }

    private static InputException badType(List<String> paths, String column, String role, DataType t,
                                          String allowed) {
        return new InputException("Parquet input " + paths + ": " + role + " column '" + column + "' has type "
                + t.simpleString() + "; allowed: " + allowed);
    }
}
