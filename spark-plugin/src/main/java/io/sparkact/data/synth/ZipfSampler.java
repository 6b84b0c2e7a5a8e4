package io.sparkact.data.synth;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks 1..n with P(k) proportional to k^-s, drawn in O(1) without tables.
 *
 * <p>Rejection-inversion of W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates from
 * monotone discrete distributions", ACM TOMACS 6(3), 1996: invert the integral H of the hat function
 * h(x) = x^-s over [1/2, n + 1/2], round to the nearest integer k and accept when the point lies under
 * the histogram of the target (the squeeze {@code k - x <= shortcut} accepts most draws without another
 * power). Holds only n and s, so a sampler per field costs nothing to ship to executors, whatever n is.
 */
final class ZipfSampler implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double shortcut;

    ZipfSampler(int n, double exponent) {
        if (n < 1 || !(exponent >= 0)) {
            throw new IllegalArgumentException("Zipf needs n >= 1 and exponent >= 0, got n=" + n
                    + ", exponent=" + exponent);
        }
        this.n = n;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.hIntegralN = hIntegral(n + 0.5);
        this.shortcut = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
    }

    int n() {
        return n;
    }

    /** One rank in 1..n. */
    int sample(SplittableRandom rng) {
        while (true) {
            double u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            int k = (int) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            if (k - x <= shortcut || u >= hIntegral(k + 0.5) - h(k)) {
                return k;
            }
        }
    }

    /** h(x) = x^-s, the hat function. */
    private double h(double x) {
        return Math.exp(-exponent * Math.log(x));
    }

    /** H(x) = (x^(1-s) - 1) / (1 - s), continuous through s = 1 where it is log x. */
    private double hIntegral(double x) {
        double logX = Math.log(x);
        return expm1OverX((1.0 - exponent) * logX) * logX;
    }

    /** Inverse of H. */
    private double hIntegralInverse(double x) {
        double t = x * (1.0 - exponent);
        if (t < -1.0) {
            t = -1.0;                                    // rounding guard: keeps log1p finite
        }
        return Math.exp(log1pOverX(t) * x);
    }

    /** expm1(x)/x with its Taylor series near 0, where the quotient loses precision. */
    private static double expm1OverX(double x) {
        if (Math.abs(x) > 1e-8) {
            return Math.expm1(x) / x;
        }
        return 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }

    /** log1p(x)/x with its Taylor series near 0. */
    private static double log1pOverX(double x) {
        if (Math.abs(x) > 1e-8) {
            return Math.log1p(x) / x;
        }
        return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }
}
