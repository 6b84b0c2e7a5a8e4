package io.sparkact.data.synth;

/** Solves for the intercept that gives a target mean probability on a sample of logits. */
final class Calibration {

    private static final double BOUND = 40;
    private static final int STEPS = 100;

    private Calibration() {
    }

    /**
     * The b with mean(sigmoid(b + logit_i)) = target, by bisection: the mean is continuous and strictly
     * increasing in b, so 100 halvings of [-40, 40] reach double precision.
     */
    static double interceptFor(double[] logits, double target) {
        double lo = -BOUND;
        double hi = BOUND;
        for (int s = 0; s < STEPS; s++) {
            double mid = 0.5 * (lo + hi);
            if (meanProbability(logits, mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static double meanProbability(double[] logits, double intercept) {
        double s = 0;
        for (double l : logits) {
            s += 1.0 / (1.0 + Math.exp(-(intercept + l)));
        }
        return s / logits.length;
    }
}
