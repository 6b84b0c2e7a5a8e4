package io.sparkact.data;

/**
 * MurmurHash3, x86 32-bit variant, written from the algorithm's reference description: Austin Appleby,
 * MurmurHash3 ({@code MurmurHash3_x86_32} in SMHasher's {@code MurmurHash3.cpp}, public domain). Blocks of four
 * bytes are read little-endian, the tail is mixed as in the reference, and the result is finalised with
 * {@code fmix32}. Verified in tests against published vectors and SMHasher's verification value.
 *
 * <p>Implemented here rather than taken from a library so that the feature hashing (and so every trained
 * model) does not depend on a library's internals: Guava is not on the classpath, and Spark's
 * {@code Murmur3_x86_32.hashUnsafeBytes} differs from the reference on tails (its {@code hashUnsafeBytes2}
 * does not).
 */
public final class MurmurHash3 {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private MurmurHash3() { }

    /** The 32-bit hash of {@code data[offset, offset + length)} with {@code seed}. */
    public static int hash32(byte[] data, int offset, int length, int seed) {
        int h = seed;
        int blocks = length >>> 2;
        for (int i = 0; i < blocks; i++) {
            int p = offset + (i << 2);
            int k = (data[p] & 0xff) | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff) << 16
                    | (data[p + 3] & 0xff) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = offset + (blocks << 2);
        int k = 0;
        switch (length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[tail] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return fmix32(h ^ length);
    }

    /** The 32-bit hash of all of {@code data}. */
    public static int hash32(byte[] data, int seed) {
        return hash32(data, 0, data.length, seed);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    /** The reference finaliser: forces every input bit to affect every output bit. */
    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
