package io.sparkact.data.synth;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The behaviour-sequence part of the synthetic data ({@code sequence = on}): every row gets a user's
 * recent items (ids and their categories, oldest first) and a candidate item, and the true logit gets a
 * term for how relevant the candidate is to that history, so a model that attends to the history items
 * most like the candidate (DIN, Zhou et al., KDD 2018) has something to learn that sum pooling of the
 * history does not represent.
 *
 * <p><b>Items.</b> {@value #CATEGORIES} categories of {@value #ITEMS_PER_CATEGORY} items each (item number
 * {@code c·ITEMS_PER_CATEGORY + r}). Category c has a unit latent vector g_c (width {@value #DIM}) hashed
 * from (seed, c); item i of category c has u_i = normalise(g_c + {@value #ITEM_NOISE}·η_i), η_i hashed
 * standard normal: items of one category are similar (cosine about 0.85: the noise has norm about 0.42), of
 * different categories about unrelated (cosine about 0 ± 0.35).
 *
 * <p><b>Users.</b> A row's user has 1..3 interest categories (Zipf over categories, exponent 1); the
 * history length is uniform in 1..{@value #MAX_LENGTH}; each history item is, with probability
 * {@value #ON_INTEREST}, from a random one of the interests, else from a Zipf-drawn category; the item
 * within its category is Zipf(1.1). The candidate is from one of the interests with probability
 * {@value #CANDIDATE_ON_INTEREST}, else from a Zipf-drawn category.
 *
 * <p><b>Relevance.</b> R = Σ_j exp({@value #SHARPNESS}·(u_cand·u_j − 1)) (1 per repeat of the candidate item,
 * about 0.3 per other history item of its category, below e^-5 per unrelated one), and the logit term is
 * {@code scale·(log1p(R) − centre)} with centre and scale set on the calibration sample so that the term
 * has SD {@value #SD}. Why this form: a sum over the history of a function of (behaviour, candidate) is
 * exactly what DIN's attention-weighted sum pooling computes (a weight per behaviour from the pair, summed);
 * the log makes the effect saturate. Sum pooling followed by an MLP only sees Σ e_j next to the candidate
 * and must learn the multiplicative interaction from the concatenation. The weight of the term (SD 1.2
 * against about 1.4 for all other terms together at the defaults) is a choice: large enough that the
 * sequence matters, small enough that the other fields still do.
 *
 * <p>Everything is hashed from the seed: the object is a few numbers and ships to executors in bytes.
 * A row's behaviour is drawn from its own random stream ({@link #rowRandom}), so switching the sequence on
 * leaves the other columns of every row unchanged.
 */
final class BehaviourModel implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int CATEGORIES = 200;
    static final int ITEMS_PER_CATEGORY = 100;
    static final int MAX_LENGTH = 50;
    static final int DIM = 8;
    static final double ITEM_NOISE = 0.15;
    static final double ON_INTEREST = 0.8;
    static final double CANDIDATE_ON_INTEREST = 0.5;
    static final double SHARPNESS = 8.0;
    static final double SD = 1.2;
    private static final long TAG_SEQUENCE = 41;
    private static final long TAG_CATEGORY = 42;
    private static final long TAG_ITEM = 43;
    private static final long TAG_NAME = 44;

    private final long seed;
    private final ZipfSampler categoryZipf = new ZipfSampler(CATEGORIES, 1.0);
    private final ZipfSampler itemZipf = new ZipfSampler(ITEMS_PER_CATEGORY, 1.1);
    private final int itemKey;
    private final int categoryKey;
    private double centre;
    private double scale = 1.0;
    /** Every u_i, row-major, made on first use in each JVM (1.3 MB: cheaper to rebuild than to ship). */
    private transient double[] vectors;
    /**
     * Every item's and category's id string, made on first use in each JVM: a row writes about 50 of them,
     * and formatting each anew was a tenth of the generation time in a profile (JFR, 300k rows).
     */
    private transient String[] itemStrings;
    private transient String[] categoryStrings;

    BehaviourModel(long seed) {
        this.seed = seed;
        this.itemKey = (int) Hashing.hash(seed, TAG_NAME, 0);
        this.categoryKey = (int) Hashing.hash(seed, TAG_NAME, 1);
    }

    /** One row's behaviour: item numbers of the history (oldest first) and of the candidate. */
    static final class Behaviour {
        final int[] history;
        final int candidate;

        Behaviour(int[] history, int candidate) {
            this.history = history;
            this.candidate = candidate;
        }
    }

    /** The random stream of row i's behaviour (independent of the stream of its other columns). */
    static SplittableRandom rowRandom(long seed, long i) {
        return new SplittableRandom(Hashing.hash(seed, TAG_SEQUENCE, i));
    }

    Behaviour draw(SplittableRandom rng) {
        int k = 1 + rng.nextInt(3);
        int[] interests = new int[k];
        for (int q = 0; q < k; q++) {
            interests[q] = categoryZipf.sample(rng) - 1;
        }
        int[] history = new int[1 + rng.nextInt(MAX_LENGTH)];
        for (int j = 0; j < history.length; j++) {
            history[j] = item(rng, interests, ON_INTEREST);
        }
        return new Behaviour(history, item(rng, interests, CANDIDATE_ON_INTEREST));
    }

    private int item(SplittableRandom rng, int[] interests, double onInterest) {
        boolean on = rng.nextDouble() < onInterest;
        int pick = rng.nextInt(interests.length);
        int other = categoryZipf.sample(rng) - 1;
        int c = on ? interests[pick] : other;
        return c * ITEMS_PER_CATEGORY + itemZipf.sample(rng) - 1;
    }

    static int category(int item) {
        return item / ITEMS_PER_CATEGORY;
    }

    /** Item id as written: 8 hex digits, distinct per item. */
    String itemString(int item) {
        if (itemStrings == null) {
            String[] t = new String[CATEGORIES * ITEMS_PER_CATEGORY];
            for (int i = 0; i < t.length; i++) {
                t[i] = Hashing.hex8(Hashing.permute32(i + itemKey));
            }
            itemStrings = t;
        }
        return itemStrings[item];
    }

    /** Category id as written: 8 hex digits, distinct per category. */
    String categoryString(int item) {
        if (categoryStrings == null) {
            String[] t = new String[CATEGORIES];
            for (int c = 0; c < t.length; c++) {
                t[c] = Hashing.hex8(Hashing.permute32(c + categoryKey));
            }
            categoryStrings = t;
        }
        return categoryStrings[category(item)];
    }

    /** log1p(R), the un-scaled relevance (see the class javadoc). */
    double rawRelevance(Behaviour b) {
        double[] u = table();
        int c = b.candidate * DIM;
        double r = 0;
        for (int item : b.history) {
            int at = item * DIM;
            double dot = 0;
            for (int d = 0; d < DIM; d++) {
                dot += u[c + d] * u[at + d];
            }
            r += Math.exp(SHARPNESS * (dot - 1.0));
        }
        return Math.log1p(r);
    }

    /** The logit term of a behaviour: SD {@value #SD} over the calibration sample, mean 0. */
    double term(Behaviour b) {
        return scale * (rawRelevance(b) - centre);
    }

    /** Sets centre and scale from the raw relevances of the calibration sample. */
    void calibrate(double[] raw) {
        double s = 0;
        double ss = 0;
        for (double x : raw) {
            s += x;
            ss += x * x;
        }
        centre = s / raw.length;
        double var = ss / raw.length - centre * centre;
        scale = var > 1e-12 ? SD / Math.sqrt(var) : 0.0;
    }

    private double[] table() {
        if (vectors == null) {
            double[] t = new double[CATEGORIES * ITEMS_PER_CATEGORY * DIM];
            for (int i = 0; i < CATEGORIES * ITEMS_PER_CATEGORY; i++) {
                System.arraycopy(vector(i), 0, t, i * DIM, DIM);
            }
            vectors = t;
        }
        return vectors;
    }

    /** u_i of the class javadoc: unit vector. */
    double[] vector(int item) {
        int c = category(item);
        double[] g = unit(gaussians(Hashing.hash(seed, TAG_CATEGORY, c)));
        double[] eta = gaussians(Hashing.hash(seed, TAG_ITEM, item));
        for (int d = 0; d < DIM; d++) {
            g[d] += ITEM_NOISE * eta[d];
        }
        return unit(g);
    }

    private static double[] gaussians(long base) {
        double[] v = new double[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = Hashing.gaussian(Hashing.mix(base + d));
        }
        return v;
    }

    private static double[] unit(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        for (int d = 0; d < v.length; d++) {
            v[d] /= n;
        }
        return v;
    }
}
