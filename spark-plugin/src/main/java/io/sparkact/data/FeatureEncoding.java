package io.sparkact.data;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A fitted feature encoding: how rows become network inputs. Immutable, Serializable (it travels to the
 * executors) and JSON round-trippable ({@link #toJson()} / {@link #fromJson(String)}) for the model manifest,
 * so scoring and retraining encode exactly as training did.
 *
 * <p><b>Layout</b> of a minibatch of b rows ({@link MultiDataSet}), each array present only if the schema has
 * such columns:
 * <ul>
 *   <li>{@code features[0]}: categorical indices, FLOAT {@code [b, nCat]}, integers in {@code [0, hashBuckets)},
 *       one column per categorical field in schema order (then one per numeric field with numeric buckets,
 *       below);</li>
 *   <li>{@code features[1]} ({@code features[0]} when there is no categorical input): numeric FLOAT
 *       {@code [b, 2·nNum]}: columns {@code 0..nNum-1} the transformed values (0 where missing), columns {@code nNum..2nNum-1} the missing
 *       indicators (1 = missing);</li>
 *   <li>{@code labels[0]}: FLOAT {@code [b, 1]}, 0 or 1 (absent when the rows have no label column).</li>
 * </ul>
 *
 * <p><b>Hashing</b>: one table of {@code hashBuckets} rows shared by all fields. A present value v of field f
 * has index {@code floorMod(murmur3_x86_32(utf8(f + "\u0000" + v), seed 0), hashBuckets)}; a missing value
 * hashes {@code f + "\u0001<missing>"}, its own token per field. Hashing field and value together sends the
 * same value in two fields to (almost always) different buckets.
 *
 * <p><b>Sequences</b> (only when the schema pairs each sequence column with a candidate column,
 * {@code input.schema.sequence_candidate}; otherwise sequence columns are not encoded): the k sequence columns
 * form one behaviour per position (e.g. item id and item category). A cell holds ids separated by "|", oldest
 * first (Parquet arrays arrive joined so). An id of sequence column q is hashed as a value of its candidate
 * field, so it lands in the candidate's bucket and history and candidate share one embedding row. A row's
 * length is that of its longest sequence column; shorter columns are aligned at the most recent end and the
 * positions they lack, like empty ids, get the candidate field's missing token. Sequences longer than
 * L = {@code max_sequence_length} keep their last (most recent) L ids ({@link #countTruncated} counts the
 * rows). {@code features[0]} then has width {@code nCat + L·k}: the nCat fields, then position j's k ids at
 * {@code nCat + j·k + q} (kept ids first, padding after), and the minibatch carries a feature mask for it,
 * FLOAT {@code [b, nCat + L·k]}, 1 for the fields and the kept positions, 0 for padding (the numeric input
 * has no mask).
 *
 * <p><b>Numerics</b>: see {@link NumericTransform}.
 *
 * <p><b>Numeric buckets</b> (when {@code features.numeric_buckets} &gt; 0): each numeric field is also a
 * categorical field whose value is its quantile bucket, so the model gets a free per-bucket effect (an embedding
 * row) besides the transformed value: a step or a bump in a count's effect is then one embedding per bucket to
 * learn instead of a shape the hidden layers must build from one input. {@code features[0]} then has the nCat
 * categorical columns, then one column per numeric field, then the sequence ids: the bucket columns count as
 * fields ({@link #fieldInputs()}). The edges e_1 &lt; … &lt; e_m of field k are quantiles of its raw
 * non-missing training values (one distributed pass, {@link FeatureEncoder}); a value x is in bucket
 * {@code #{i : e_i <= x}} (0..m) and hashes {@code name + "\u0002" + bucket} into the shared table, a missing
 * value {@code name + "\u0001<missing>"}, as a categorical field's would.
 */
public final class FeatureEncoding implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The seed of every MurmurHash3 call; part of the format. */
    public static final int HASH_SEED = 0;

    private final int hashBuckets;
    private final NumericTransform transform;
    private final String label;
    private final List<String> categorical;
    private final List<String> numeric;
    private final List<String> id;
    private final double[] mean;
    private final double[] std;
    private final List<String> sequence;
    private final List<String> candidate;
    private final int maxSequenceLength;
    /** Position of each candidate column among the categorical fields. */
    private final int[] candidateAt;
    /** Quantile bucket edges of each numeric field (ascending), or null: numeric fields are not bucketed. */
    private final double[][] bucketEdges;

    FeatureEncoding(int hashBuckets, NumericTransform transform, String label, List<String> categorical,
                    List<String> numeric, List<String> id, double[] mean, double[] std) {
        this(hashBuckets, transform, label, categorical, numeric, id, mean, std, List.of(), List.of(),
                Schema.DEFAULT_MAX_SEQUENCE_LENGTH);
    }

    FeatureEncoding(int hashBuckets, NumericTransform transform, String label, List<String> categorical,
                    List<String> numeric, List<String> id, double[] mean, double[] std, List<String> sequence,
                    List<String> candidate, int maxSequenceLength) {
        this(hashBuckets, transform, label, categorical, numeric, id, mean, std, sequence, candidate, maxSequenceLength,
                null);
    }

    FeatureEncoding(int hashBuckets, NumericTransform transform, String label, List<String> categorical,
                    List<String> numeric, List<String> id, double[] mean, double[] std, List<String> sequence,
                    List<String> candidate, int maxSequenceLength, double[][] bucketEdges) {
        this.bucketEdges = checkedEdges(bucketEdges, numeric.size());
        if (sequence.size() != candidate.size() || !categorical.containsAll(candidate) || maxSequenceLength < 1) {
            throw new IllegalArgumentException("sequences " + sequence + " need one categorical candidate each ("
                    + candidate + ") and a max length >= 1 (" + maxSequenceLength + ")");
        }
        this.sequence = List.copyOf(sequence);
        this.candidate = List.copyOf(candidate);
        this.maxSequenceLength = maxSequenceLength;
        this.candidateAt = candidate.stream().mapToInt(categorical::indexOf).toArray();
        this.hashBuckets = hashBuckets;
        this.transform = transform;
        this.label = label;
        this.categorical = List.copyOf(categorical);
        this.numeric = List.copyOf(numeric);
        this.id = List.copyOf(id);
        boolean standardize = transform == NumericTransform.STANDARDIZE;
        if (standardize && (mean == null || std == null || mean.length != numeric.size() || std.length != numeric.size())) {
            throw new IllegalArgumentException("standardize needs a mean and std per numeric field");
        }
        this.mean = standardize ? mean.clone() : null;
        this.std = standardize ? std.clone() : null;
    }

    private static double[][] checkedEdges(double[][] edges, int nNum) {
        if (edges == null) {
            return null;
        }
        if (edges.length != nNum) {
            throw new IllegalArgumentException("numeric bucket edges for " + edges.length + " fields, but there are "
                    + nNum + " numeric fields");
        }
        double[][] out = new double[nNum][];
        for (int k = 0; k < nNum; k++) {
            out[k] = edges[k].clone();
            for (int i = 0; i < out[k].length; i++) {
                if (!Double.isFinite(out[k][i]) || i > 0 && !(out[k][i] > out[k][i - 1])) {
                    throw new IllegalArgumentException("numeric bucket edges of field " + k + " must be finite and "
                            + "strictly ascending: " + Arrays.toString(out[k]));
                }
            }
        }
        return out;
    }

    public int hashBuckets() { return hashBuckets; }
    public NumericTransform numericTransform() { return transform; }
    public String labelColumn() { return label; }
    public List<String> categoricalFields() { return categorical; }
    public List<String> numericFields() { return numeric; }
    public List<String> idColumns() { return id; }
    /** The encoded sequence columns (empty when the schema pairs none with a candidate). */
    public List<String> sequenceFields() { return sequence; }
    /** The candidate column of each encoded sequence column. */
    public List<String> candidateFields() { return candidate; }
    /** Position of each candidate column among {@link #categoricalFields()} (a copy). */
    public int[] candidatePositions() { return candidateAt.clone(); }
    /** L: the padded length of the encoded sequences. */
    public int maxSequenceLength() { return maxSequenceLength; }
    /** Whether minibatches carry a behaviour sequence (and a feature mask). */
    public boolean hasSequences() { return !sequence.isEmpty(); }
    /** Whether numeric fields are bucketed (one more embedded field each). */
    public boolean bucketsNumerics() { return bucketEdges != null; }
    /** The bucket edges of numeric field number {@code k} (a copy); only when {@link #bucketsNumerics()}. */
    public double[] bucketEdges(int k) { return bucketEdges[k].clone(); }
    /** The embedded fields of a row: the categorical fields, plus one per numeric field when bucketed. */
    public int fieldInputs() { return categorical.size() + (bucketEdges == null ? 0 : numeric.size()); }
    /** Width of {@code features[0]}: the fields ({@link #fieldInputs()}), plus L·k with sequences. */
    public int categoricalInputs() { return fieldInputs() + maxSequenceLength * sequence.size(); }
    /** Width of the numeric input: 2·nNum (values, then missing indicators). */
    public int numericInputs() { return 2 * numeric.size(); }
    /** Per-field means for STANDARDIZE (copy), else null. */
    public double[] means() { return mean == null ? null : mean.clone(); }
    /** Per-field standard deviations for STANDARDIZE (copy), else null. */
    public double[] stds() { return std == null ? null : std.clone(); }

    /** The hash-table row of a categorical value (null = missing) of {@code field}. */
    public int bucket(String field, String value) {
        return rowOf(value == null ? field + "\u0001<missing>" : field + "\u0000" + value);
    }

    /** The bucket of raw value x of numeric field number {@code k}: how many of its edges are <= x. */
    public int numericBucket(int k, double x) {
        double[] e = bucketEdges[k];
        int lo = 0;
        int hi = e.length;
        while (lo < hi) {      // first edge > x
            int mid = (lo + hi) >>> 1;
            if (e[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The hash-table row of a numeric field's bucket (null = missing value). */
    public int numericBucketRow(int k, Double x) {
        String name = numeric.get(k);
        return x == null ? bucket(name, null) : rowOf(name + "\u0002" + numericBucket(k, x));
    }

    private int rowOf(String key) {
        return Math.floorMod(MurmurHash3.hash32(key.getBytes(StandardCharsets.UTF_8), HASH_SEED), hashBuckets);
    }

    /** The transformed value of numeric field number {@code k} (raw value x, not missing). */
    public double transform(int k, double x) {
        switch (transform) {
            case LOG1P:
                return Math.signum(x) * Math.log1p(Math.abs(x));
            case STANDARDIZE:
                return (x - mean[k]) / std[k];
            default:
                return x;
        }
    }

    /** One row as a minibatch of size 1. */
    public MultiDataSet encodeRow(Row row) {
        return encode(List.of(row));
    }

    /** Rows (each with a schema, as rows of a Dataset have) as one minibatch, in order. */
    public MultiDataSet encode(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to encode");
        }
        RowLayout layout = RowLayout.of(rows.get(0).schema(), this);
        BatchBuffer buf = new BatchBuffer(rows.size(), this);
        rows.forEach(r -> buf.add(this, layout, r));
        return buf.toMultiDataSet(layout.label >= 0);
    }

    /** The id column values of a row (null for an id column the row does not have), for scoring output. */
    public Object[] ids(Row row) {
        RowLayout layout = RowLayout.of(row.schema(), this);
        Object[] out = new Object[layout.id.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = layout.id[i] < 0 ? null : row.get(layout.id[i]);
        }
        return out;
    }

    /**
     * Minibatches of {@code batchSize} rows (the last one smaller), exactly ceil(n / batchSize) of them
     * whatever the partitioning, encoded on the executors. Pass a persisted Dataset: it is evaluated more
     * than once.
     */
    public JavaRDD<MultiDataSet> toMultiDataSets(Dataset<Row> good, int batchSize) {
        return Minibatches.of(this, good, batchSize);
    }

    /**
     * Rows of {@code rows} (with this encoding's sequence columns) whose longest sequence is longer than
     * {@link #maxSequenceLength()}: those that lose their oldest ids. One action; 0 without sequences.
     */
    public long countTruncated(Dataset<Row> rows) {
        return SequenceCells.countLonger(rows, sequence, maxSequenceLength);
    }

    /**
     * Writes one row's encoding at the given offsets (used per row on the executors); {@code mask} (null
     * without sequences) gets the row's feature mask at {@code catAt}, the same offset as {@code cat}.
     */
    void encodeInto(RowLayout layout, Row row, float[] cat, float[] mask, int catAt, float[] num, int numAt,
                    float[] lab, int labAt) {
        for (int c = 0; c < layout.categorical.length; c++) {
            Object v = row.get(layout.categorical[c]);
            cat[catAt + c] = bucket(categorical.get(c), v == null ? null : v.toString());
        }
        if (mask != null) {
            SequenceCells.encode(this, layout, row, cat, mask, catAt);
        }
        int nNum = layout.numeric.length;
        int nCat = layout.categorical.length;
        for (int k = 0; k < nNum; k++) {
            Object v = row.get(layout.numeric[k]);
            boolean missing = v == null;
            double x = missing ? 0 : ((Number) v).doubleValue();
            num[numAt + k] = missing ? 0f : (float) transform(k, x);
            num[numAt + nNum + k] = missing ? 1f : 0f;
            if (bucketEdges != null) {
                cat[catAt + nCat + k] = numericBucketRow(k, missing ? null : x);
            }
        }
        if (layout.label >= 0) {
            // Rows from InputReader always have a 0/1 label; a null one (rows to score) becomes NaN so that
            // training on it could never pass unnoticed.
            Object y = row.get(layout.label);
            lab[labAt] = y == null ? Float.NaN : (float) ((Number) y).doubleValue();
        }
    }

    /** The manifest JSON; see {@link EncodingJson} for the fields. */
    public String toJson() {
        return EncodingJson.write(this);
    }

    /** Reads {@link #toJson()}'s output; rejects other formats, versions or hash functions. */
    public static FeatureEncoding fromJson(String json) {
        return EncodingJson.read(json);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureEncoding)) {
            return false;
        }
        FeatureEncoding e = (FeatureEncoding) o;
        return hashBuckets == e.hashBuckets && transform == e.transform && label.equals(e.label)
                && categorical.equals(e.categorical) && numeric.equals(e.numeric) && id.equals(e.id)
                && Arrays.equals(mean, e.mean) && Arrays.equals(std, e.std) && sequence.equals(e.sequence)
                && candidate.equals(e.candidate) && maxSequenceLength == e.maxSequenceLength
                && Arrays.deepEquals(bucketEdges, e.bucketEdges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashBuckets, transform, label, categorical, numeric, id, Arrays.hashCode(mean),
                Arrays.hashCode(std), sequence, candidate, maxSequenceLength, Arrays.deepHashCode(bucketEdges));
    }

    @Override
    public String toString() {
        return toJson();
    }
}
