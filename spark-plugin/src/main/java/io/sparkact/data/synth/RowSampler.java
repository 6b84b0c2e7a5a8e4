package io.sparkact.data.synth;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Draws the observed feature values of one row: heavy-tailed counts for numeric fields, Zipf ranks for
 * categorical fields, each possibly missing.
 *
 * <p>Numeric field f is floor(exp(mu_f + sigma_f Z)) with Z standard normal: a discretised lognormal,
 * like Criteo's integer features (counts with many zeros and a long tail; log1p is the usual transform).
 * mu_f in [-0.5, 4) and sigma_f in [0.7, 2) are hashed from (seed, f), so fields differ in scale and
 * tail. Categorical field f has rank k in 1..cardinality_f drawn from Zipf(zipf_exponent): a few ids
 * dominate and most are rare, as in click logs. Missing values are drawn per field with missing_rate and
 * encoded as count -1 / rank 0. Every value is drawn even when missing, so the random stream of a row has
 * the same layout whatever is missing.
 */
final class RowSampler implements Serializable {

    private static final long serialVersionUID = 1L;
    static final long TAG_NUMERIC = 11;
    static final long TAG_ROW = 12;
    /** Counts above this are capped: keeps them within the int column type. */
    static final int MAX_COUNT = 1_000_000_000;

    private final double[] mu;
    private final double[] sigma;
    private final ZipfSampler[] zipf;
    private final double missingRate;

    RowSampler(SynthSpec spec) {
        int n = spec.numericFields();
        mu = new double[n];
        sigma = new double[n];
        for (int f = 0; f < n; f++) {
            long h = Hashing.hash(spec.seed(), TAG_NUMERIC, f);
            mu[f] = -0.5 + 4.5 * Hashing.uniform(h);
            sigma[f] = 0.7 + 1.3 * Hashing.uniform(Hashing.mix(h));
        }
        zipf = new ZipfSampler[spec.categoricalFields()];
        for (int f = 0; f < zipf.length; f++) {
            zipf[f] = new ZipfSampler(spec.cardinality(f), spec.zipfExponent());
        }
        missingRate = spec.missingRate();
    }

    int numericFields() {
        return mu.length;
    }

    int categoricalFields() {
        return zipf.length;
    }

    /** The generator of data row {@code i}: a function of (seed, i) only, so partitioning cannot matter. */
    static SplittableRandom rowRandom(long seed, long i) {
        return new SplittableRandom(Hashing.hash(seed, TAG_ROW, i));
    }

    /** Fills {@code counts} (-1 = missing) and {@code ranks} (0 = missing) from {@code rng}. */
    void draw(SplittableRandom rng, int[] counts, int[] ranks) {
        for (int f = 0; f < mu.length; f++) {
            boolean missing = rng.nextDouble() < missingRate;
            double v = Math.floor(Math.exp(mu[f] + sigma[f] * rng.nextGaussian()));
            counts[f] = missing ? -1 : (int) Math.min(v, MAX_COUNT);
        }
        for (int f = 0; f < zipf.length; f++) {
            boolean missing = rng.nextDouble() < missingRate;
            int k = zipf[f].sample(rng);
            ranks[f] = missing ? 0 : k;
        }
    }
}
