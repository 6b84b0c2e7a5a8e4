package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.junit.jupiter.api.Test;

/**
 * MurmurHash3 x86_32 against values derived outside this code: SMHasher's verification value, the
 * commonly published test vectors, and Spark's own independent implementation.
 */
class MurmurHash3Test {

    private static int h(String s, int seed) {
        return MurmurHash3.hash32(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    /**
     * SMHasher's VerificationTest (Appleby, SMHasher KeysetTest.cpp): hash keys {0}, {0,1}, …, {0..254} of
     * lengths 0..255 with seed 256 − length, hash the 1024 bytes of little-endian results with seed 0; the
     * first four bytes must be 0xB0F57EE3 for MurmurHash3_x86_32 (the value listed in SMHasher's main.cpp).
     */
    @Test
    void smhasherVerificationValue() {
        byte[] key = new byte[256];
        byte[] hashes = new byte[4 * 256];
        for (int i = 0; i < 256; i++) {
            key[i] = (byte) i;
            int v = MurmurHash3.hash32(key, 0, i, 256 - i);
            for (int b = 0; b < 4; b++) {
                hashes[4 * i + b] = (byte) (v >>> (8 * b));
            }
        }
        assertEquals(0xB0F57EE3, MurmurHash3.hash32(hashes, 0));
    }

    /** Published MurmurHash3_x86_32 test vectors (e.g. the table collected on Stack Overflow, question 14747343). */
    @Test
    void publishedVectors() {
        assertEquals(0, h("", 0));
        assertEquals(0x514E28B7, h("", 1));
        assertEquals(0x81F16F39, h("", 0xffffffff));
        assertEquals(0x2362F9DE, MurmurHash3.hash32(new byte[4], 0));
        assertEquals(0x7FA09EA6, h("a", 0x9747b28c));
        assertEquals(0x5D211726, h("aa", 0x9747b28c));
        assertEquals(0x283E0130, h("aaa", 0x9747b28c));
        assertEquals(0x5A97808A, h("aaaa", 0x9747b28c));
        assertEquals(0xC84A62DD, h("abc", 0x9747b28c));
        assertEquals(0xF0478627, h("abcd", 0x9747b28c));
        assertEquals(0x24884CBA, h("Hello, world!", 0x9747b28c));
        assertEquals(0xD58063C1, h("ππππππππ", 0x9747b28c));
        assertEquals(0x2FA826CD, h("The quick brown fox jumps over the lazy dog", 0x9747b28c));
    }

    /** Spark's hashUnsafeBytes2 follows the reference (unlike hashUnsafeBytes on tails): an independent check. */
    @Test
    void agreesWithSparkOnRandomInputsOfEveryTailLength() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] data = new byte[rnd.nextInt(40)];
            rnd.nextBytes(data);
            int seed = rnd.nextInt();
            int expected = Murmur3_x86_32.hashUnsafeBytes2(data, Platform.BYTE_ARRAY_OFFSET, data.length, seed);
            assertEquals(expected, MurmurHash3.hash32(data, seed), "length " + data.length);
        }
    }

    @Test
    void offsetAndLengthSelectASlice() {
        byte[] data = "xxHello, world!yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(0x24884CBA, MurmurHash3.hash32(data, 2, 13, 0x9747b28c));
    }
}
