package io.sparkact.data;

import java.io.Serializable;

/**
 * Feature settings ({@code features.*}): the size of the shared hash table for categorical values and the
 * numeric transform. Immutable; {@link #of} validates and names the config key of any error.
 */
public final class FeatureSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_HASH_BUCKETS = 100_000;
    public static final int MIN_HASH_BUCKETS = 2;
    public static final int MAX_HASH_BUCKETS = 1 << 28;

    private final int hashBuckets;
    private final NumericTransform numericTransform;

    private FeatureSpec(int hashBuckets, NumericTransform numericTransform) {
        this.hashBuckets = hashBuckets;
        this.numericTransform = numericTransform;
    }

    /** The defaults: 100,000 buckets, log1p. */
    public static FeatureSpec defaults() {
        return new FeatureSpec(DEFAULT_HASH_BUCKETS, NumericTransform.LOG1P);
    }

    public static FeatureSpec of(long hashBuckets, NumericTransform numericTransform) {
        if (hashBuckets < MIN_HASH_BUCKETS || hashBuckets > MAX_HASH_BUCKETS) {
            throw new InputException("features.hash_buckets given invalid value " + hashBuckets + "; allowed: "
                    + MIN_HASH_BUCKETS + " <= value <= " + MAX_HASH_BUCKETS);
        }
        if (numericTransform == null) {
            throw new InputException("features.numeric_transform given invalid value null; allowed: log1p, standardize, none");
        }
        return new FeatureSpec((int) hashBuckets, numericTransform);
    }

    public int hashBuckets() { return hashBuckets; }
    public NumericTransform numericTransform() { return numericTransform; }

    @Override
    public String toString() {
        return "FeatureSpec{hashBuckets=" + hashBuckets + ", numericTransform=" + numericTransform.configName() + "}";
    }
}
