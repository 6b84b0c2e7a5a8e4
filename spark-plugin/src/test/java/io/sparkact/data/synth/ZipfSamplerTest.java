package io.sparkact.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    /** Expected frequencies from the definition P(k) = k^-s / sum_j j^-s, computed here directly. */
    private static double[] exact(int n, double s) {
        double[] p = new double[n + 1];
        double z = 0;
        for (int k = 1; k <= n; k++) {
            p[k] = Math.pow(k, -s);
            z += p[k];
        }
        for (int k = 1; k <= n; k++) {
            p[k] /= z;
        }
        return p;
    }

    private static void matchesDefinition(int n, double s) {
        ZipfSampler zipf = new ZipfSampler(n, s);
        SplittableRandom rng = new SplittableRandom(1);
        int draws = 200_000;
        long[] counts = new long[n + 1];
        for (int i = 0; i < draws; i++) {
            int k = zipf.sample(rng);
            assertTrue(k >= 1 && k <= n, "rank out of range: " + k);
            counts[k]++;
        }
        double[] p = exact(n, s);
        for (int k = 1; k <= n; k++) {
            double sd = Math.sqrt(draws * p[k] * (1 - p[k]));
            // 5 binomial SDs: a correct sampler fails this with probability ~1e-6 per rank
            assertEquals(draws * p[k], counts[k], 5 * sd + 1, "n=" + n + " s=" + s + " rank " + k);
        }
    }

    @Test
    void frequenciesMatchTheDefinition() {
        matchesDefinition(10, 1.1);
        matchesDefinition(10, 1.0);     // the log limit of H
        matchesDefinition(50, 0.5);
        matchesDefinition(7, 0.0);      // uniform
        matchesDefinition(20, 2.5);
    }

    @Test
    void singleValueAndHugeSupport() {
        SplittableRandom rng = new SplittableRandom(3);
        assertEquals(1, new ZipfSampler(1, 1.1).sample(rng));
        ZipfSampler big = new ZipfSampler(Integer.MAX_VALUE, 1.1);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(big.sample(rng) >= 1);
        }
    }
}
