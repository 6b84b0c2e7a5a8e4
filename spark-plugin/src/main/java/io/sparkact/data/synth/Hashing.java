package io.sparkact.data.synth;

/**
 * Stateless hashing from which every random quantity of the synthetic data is derived.
 *
 * <p>{@link #mix(long)} is the finaliser of SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014; constants as in Vigna's public-domain splitmix64.c): a
 * bijection of 64-bit words with full avalanche, so hashing (seed, field, id) gives independent-looking
 * values without any table. That is what lets a 100,000-value field's effects exist on every executor
 * without being shipped there.
 */
final class Hashing {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    /** SplitMix64 finaliser: a bijective 64-bit mixer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a) {
        return mix(mix(seed + GOLDEN) ^ (a * GOLDEN + 1));
    }

    static long hash(long seed, long a, long b) {
        return mix(hash(seed, a) ^ (b * GOLDEN + 2));
    }

    static long hash(long seed, long a, long b, long c) {
        return mix(hash(seed, a, b) ^ (c * GOLDEN + 3));
    }

    /** Uniform in [0, 1) from the top 53 bits. */
    static double uniform(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [-sqrt(3), sqrt(3)): mean 0, variance 1, and cheap (no log or trig). */
    static double unitUniform(long h) {
        return (2 * uniform(h) - 1) * Math.sqrt(3.0);
    }

    /** Standard normal by the Box-Muller transform of two uniforms derived from {@code h}. */
    static double gaussian(long h) {
        double u1 = 1.0 - uniform(h);                    // (0, 1]: log is finite
        double u2 = uniform(mix(h + GOLDEN));
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * A bijection of 32-bit words ("lowbias32" by Chris Wellons, hash-prospector): every step is
     * invertible, so distinct ranks of one field never share an id string.
     */
    static int permute32(int x) {
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        x ^= x >>> 16;
        return x;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Eight lower-case hex digits, like Criteo's hashed categorical values. */
    static String hex8(int v) {
        char[] c = new char[8];
        for (int i = 7; i >= 0; i--) {
            c[i] = HEX[v & 0xF];
            v >>>= 4;
        }
        return new String(c);
    }
}
