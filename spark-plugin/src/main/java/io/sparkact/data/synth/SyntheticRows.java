package io.sparkact.data.synth;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.mutable.WrappedArray;

/**
 * Turns row numbers into rows: the function that runs on the executors. Row i depends only on
 * (seed, i): its values come from {@link RowSampler#rowRandom}, the label is a Bernoulli(p) draw from the
 * same stream after the features, and the train/valid split is a separate hash of (seed, i).
 */
final class SyntheticRows implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long TAG_SPLIT = 31;
    private static final long TAG_ID = 32;

    private final long seed;
    private final double validFraction;
    private final RowSampler sampler;
    private final TruthModel truth;
    private final int[] idKey;
    /** Null when the spec has no behaviour sequence. */
    private final BehaviourModel behaviour;

    /** Builds the sampler and calibrates the truth on the driver (a 20k-row sample, well under a second). */
    SyntheticRows(SynthSpec spec) {
        seed = spec.seed();
        validFraction = spec.validFraction();
        sampler = new RowSampler(spec);
        behaviour = spec.sequence() ? new BehaviourModel(seed) : null;
        truth = new TruthModel(spec, sampler, behaviour);
        idKey = new int[spec.categoricalFields()];
        for (int f = 0; f < idKey.length; f++) {
            idKey[f] = (int) Hashing.hash(seed, TAG_ID, f);
        }
    }

    TruthModel truth() {
        return truth;
    }

    /**
     * id, label, I1..In, C1..Cm, then with a sequence {@code item}, {@code item_cat} (the candidate, strings)
     * and {@code hist_item}, {@code hist_cat} (arrays of strings, oldest first), then p, is_valid.
     */
    StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(SyntheticData.ID, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(SyntheticData.LABEL, DataTypes.IntegerType, false));
        for (int j = 1; j <= sampler.numericFields(); j++) {
            f.add(DataTypes.createStructField("I" + j, DataTypes.IntegerType, true));
        }
        for (int j = 1; j <= sampler.categoricalFields(); j++) {
            f.add(DataTypes.createStructField("C" + j, DataTypes.StringType, true));
        }
        if (behaviour != null) {
            f.add(DataTypes.createStructField(SyntheticData.ITEM, DataTypes.StringType, false));
            f.add(DataTypes.createStructField(SyntheticData.ITEM_CAT, DataTypes.StringType, false));
            ArrayType strings = DataTypes.createArrayType(DataTypes.StringType, false);
            f.add(DataTypes.createStructField(SyntheticData.HIST_ITEM, strings, false));
            f.add(DataTypes.createStructField(SyntheticData.HIST_CAT, strings, false));
        }
        f.add(DataTypes.createStructField(SyntheticData.P, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(SyntheticData.IS_VALID, DataTypes.BooleanType, false));
        return DataTypes.createStructType(f);
    }

    /** Whether row i belongs to the validation split. */
    boolean isValid(long i) {
        return Hashing.uniform(Hashing.hash(seed, TAG_SPLIT, i)) < validFraction;
    }

    /** The categorical value string of (field, rank): 8 hex digits, distinct per rank within a field. */
    String idString(int field, int rank) {
        return Hashing.hex8(Hashing.permute32(rank + idKey[field]));
    }

    /** Rows for the given row numbers, lazily: a partition's rows are never all in memory. */
    Iterator<Row> rows(Iterator<Long> ids) {
        int n = sampler.numericFields();
        int m = sampler.categoricalFields();
        Draw d = new Draw(n, m);
        return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                long i = ids.next();
                d.draw(i);
                int s = d.behaviour == null ? 0 : 4;
                Object[] v = new Object[n + m + s + 4];
                v[0] = i;
                v[1] = d.label;
                for (int f = 0; f < n; f++) {
                    v[2 + f] = d.counts[f] < 0 ? null : d.counts[f];
                }
                for (int f = 0; f < m; f++) {
                    v[2 + n + f] = d.ranks[f] == 0 ? null : idString(f, d.ranks[f]);
                }
                if (d.behaviour != null) {
                    addBehaviour(v, 2 + n + m, d.behaviour);
                }
                v[2 + n + m + s] = d.p;
                v[3 + n + m + s] = isValid(i);
                return RowFactory.create(v);
            }
        };
    }

    /** The columns of {@link #truthRows}: is_valid, label, p. */
    static final StructType TRUTH_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(SyntheticData.IS_VALID, DataTypes.BooleanType, false),
            DataTypes.createStructField(SyntheticData.LABEL, DataTypes.IntegerType, false),
            DataTypes.createStructField(SyntheticData.P, DataTypes.DoubleType, false)));

    /**
     * is_valid, label and p of the same rows as {@link #rows} (the same draws, so the same values), without
     * the id strings: what the oracle's metrics need. Spark cannot prune the columns of a mapPartitions, so
     * with {@code rows} the oracle pass formatted and converted every string a second time (with a sequence,
     * about 50 a row: 40% of the generate job's executor time in a profile).
     */
    Iterator<Row> truthRows(Iterator<Long> ids) {
        Draw d = new Draw(sampler.numericFields(), sampler.categoricalFields());
        return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                long i = ids.next();
                d.draw(i);
                return RowFactory.create(isValid(i), d.label, d.p);
            }
        };
    }

    /** Row i's draws in reusable buffers; label and p are set by {@link #draw}. */
    private final class Draw {
        final int[] counts;
        final int[] ranks;
        final double[] z;
        BehaviourModel.Behaviour behaviour;
        double p;
        int label;

        Draw(int n, int m) {
            counts = new int[n];
            ranks = new int[m];
            z = new double[n];
        }

        /** The label is drawn from row i's stream after its features (the order fixes the data). */
        void draw(long i) {
            SplittableRandom rng = RowSampler.rowRandom(seed, i);
            sampler.draw(rng, counts, ranks);
            behaviour = SyntheticRows.this.behaviour == null ? null
                    : SyntheticRows.this.behaviour.draw(BehaviourModel.rowRandom(seed, i));
            p = truth.probability(counts, ranks, z,
                    behaviour == null ? 0.0 : SyntheticRows.this.behaviour.term(behaviour));
            label = rng.nextDouble() < p ? 1 : 0;
        }
    }

    /** Candidate item and category, then the history's items and categories as Scala-compatible lists. */
    private void addBehaviour(Object[] v, int at, BehaviourModel.Behaviour b) {
        v[at] = behaviour.itemString(b.candidate);
        v[at + 1] = behaviour.categoryString(b.candidate);
        String[] items = new String[b.history.length];
        String[] cats = new String[b.history.length];
        for (int j = 0; j < items.length; j++) {
            items[j] = behaviour.itemString(b.history[j]);
            cats[j] = behaviour.categoryString(b.history[j]);
        }
        // an external Row holds an array column as a Scala Seq (what Row.getList converts back); wrapping the
        // array is O(1), where building a Scala List copied it into cons cells
        v[at + 2] = new WrappedArray.ofRef<>(items);
        v[at + 3] = new WrappedArray.ofRef<>(cats);
    }
}
