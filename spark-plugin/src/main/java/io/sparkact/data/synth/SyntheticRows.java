package io.sparkact.data.synth;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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

    /** Builds the sampler and calibrates the truth on the driver (a 20k-row sample, well under a second). */
    SyntheticRows(SynthSpec spec) {
        seed = spec.seed();
        validFraction = spec.validFraction();
        sampler = new RowSampler(spec);
        truth = new TruthModel(spec, sampler);
        idKey = new int[spec.categoricalFields()];
        for (int f = 0; f < idKey.length; f++) {
            idKey[f] = (int) Hashing.hash(seed, TAG_ID, f);
        }
    }

    TruthModel truth() {
        return truth;
    }

    /** id, label, I1..In, C1..Cm, p, is_valid. */
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
        int[] counts = new int[n];
        int[] ranks = new int[m];
        double[] z = new double[n];
        return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                long i = ids.next();
                SplittableRandom rng = RowSampler.rowRandom(seed, i);
                sampler.draw(rng, counts, ranks);
                double p = truth.probability(counts, ranks, z);
                int label = rng.nextDouble() < p ? 1 : 0;
                Object[] v = new Object[n + m + 4];
                v[0] = i;
                v[1] = label;
                for (int f = 0; f < n; f++) {
                    v[2 + f] = counts[f] < 0 ? null : counts[f];
                }
                for (int f = 0; f < m; f++) {
                    v[2 + n + f] = ranks[f] == 0 ? null : idString(f, ranks[f]);
                }
                v[2 + n + m] = p;
                v[3 + n + m] = isValid(i);
                return RowFactory.create(v);
            }
        };
    }
}
