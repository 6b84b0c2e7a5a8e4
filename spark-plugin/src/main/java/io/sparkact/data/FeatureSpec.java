package io.sparkact.data;

import java.io.Serializable;

/**
 * Feature settings ({@code features.*}): the size of the shared hash table for categorical values, the
 * numeric transform and the number of quantile buckets per numeric field (0 = none; see
 * {@link FeatureEncoding} for what a bucket is). Immutable; {@link #of} validates and names the config key of
 * any error.
 */
public final class FeatureSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_HASH_BUCKETS = 100_000;
    public static final int MIN_HASH_BUCKETS = 2;
    public static final int MAX_HASH_BUCKETS = 1 << 28;
    /**
     * Default quantile buckets per numeric field. Measured on 300k generated rows (240k train, relu dnn,
     * 3 epochs, single process): see README "Measured so far".
     */
    public static final int DEFAULT_NUMERIC_BUCKETS = 32;
    public static final int MAX_NUMERIC_BUCKETS = 10_000;

    private final int hashBuckets;
    private final NumericTransform numericTransform;
    private final int numericBuckets;

    private FeatureSpec(int hashBuckets, NumericTransform numericTransform, int numericBuckets) {
        this.hashBuckets = hashBuckets;
        this.numericTransform = numericTransform;
        this.numericBuckets = numericBuckets;
    }

    /** The defaults: 100,000 hash buckets, log1p, 32 numeric buckets. */
    public static FeatureSpec defaults() {
        return new FeatureSpec(DEFAULT_HASH_BUCKETS, NumericTransform.LOG1P, DEFAULT_NUMERIC_BUCKETS);
    }

    /** Hash buckets and transform, without numeric buckets. */
    public static FeatureSpec of(long hashBuckets, NumericTransform numericTransform) {
        return of(hashBuckets, numericTransform, 0);
    }

    public static FeatureSpec of(long hashBuckets, NumericTransform numericTransform, long numericBuckets) {
        if (numericBuckets < 0 || numericBuckets > MAX_NUMERIC_BUCKETS) {
            throw new InputException("features.numeric_buckets given invalid value " + numericBuckets
                    + "; allowed: 0 (off) <= value <= " + MAX_NUMERIC_BUCKETS);
        }
        if (hashBuckets < MIN_HASH_BUCKETS || hashBuckets > MAX_HASH_BUCKETS) {
            throw new InputException("features.hash_buckets given invalid value " + hashBuckets + "; allowed: "
                    + MIN_HASH_BUCKETS + " <= value <= " + MAX_HASH_BUCKETS);
        }
        if (numericTransform == null) {
            throw new InputException("features.numeric_transform given invalid value null; allowed: log1p, standardize, none");
        }
        return new FeatureSpec((int) hashBuckets, numericTransform, (int) numericBuckets);
    }

    public int hashBuckets() { return hashBuckets; }
    public NumericTransform numericTransform() { return numericTransform; }
    /** Quantile buckets per numeric field; 0 = numeric fields are not bucketed. */
    public int numericBuckets() { return numericBuckets; }

    @Override
    public String toString() {
        return "FeatureSpec{hashBuckets=" + hashBuckets + ", numericTransform=" + numericTransform.configName()
                + ", numericBuckets=" + numericBuckets + "}";
    }
}
