package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** LocalMetrics against values worked out by hand (the derivation is in each comment). */
class LocalMetricsTest {

    @Test
    void aucCountsTiedPairsAsOneHalf() {
        // positives at scores 0.8, 0.4; negatives at 0.4, 0.1. Pairs (pos, neg): (0.8,0.4) 1, (0.8,0.1) 1,
        // (0.4,0.4) 1/2, (0.4,0.1) 1 → 3.5 / 4 = 0.875.
        EvalMetrics m = LocalMetrics.of(new double[] {0.8, 0.4, 0.4, 0.1}, new double[] {1, 1, 0, 0});
        assertEquals(0.875, m.auc(), 1e-12);
        // logloss = -(ln 0.8 + ln 0.4 + ln 0.6 + ln 0.9) / 4
        assertEquals(-(Math.log(0.8) + Math.log(0.4) + Math.log(0.6) + Math.log(0.9)) / 4, m.logloss(), 1e-12);
        // calibration = mean prediction 0.425 / positive rate 0.5
        assertEquals(0.85, m.calibration(), 1e-12);
        assertEquals(4, m.count());
    }

    @Test
    void perfectAndReversedRankings() {
        assertEquals(1.0, LocalMetrics.of(new double[] {0.1, 0.2, 0.9}, new double[] {0, 0, 1}).auc(), 0);
        assertEquals(0.0, LocalMetrics.of(new double[] {0.9, 0.2, 0.1}, new double[] {0, 1, 1}).auc(), 0);
    }

    @Test
    void oneClassHasNoAuc() {
        assertTrue(Double.isNaN(LocalMetrics.of(new double[] {0.3, 0.6}, new double[] {1, 1}).auc()));
    }
}
