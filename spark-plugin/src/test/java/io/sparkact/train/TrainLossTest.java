package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** TrainLoss: an example-weighted mean that merges in any grouping. */
class TrainLossTest {

    @Test
    void theIdentityIsEmptyAndHasNoMean() {
        TrainLoss t = TrainLoss.identity();
        assertTrue(t.isEmpty());
        assertTrue(Double.isNaN(t.mean()));
        assertEquals(0, t.examples());
    }

    @Test
    void theMeanIsPerExampleNotPerMinibatch() {
        // a full minibatch of 256 at loss 0.2 and a last, short one of 64 at 0.7:
        // (0.2·256 + 0.7·64) / 320 = (51.2 + 44.8) / 320 = 0.3, where a mean of minibatch means would say 0.45
        TrainLoss t = TrainLoss.of(0.2, 256).merge(TrainLoss.of(0.7, 64));
        assertEquals(0.3, t.mean(), 1e-12);
        assertEquals(320, t.examples());
        assertEquals(2, t.minibatches());
        assertFalse(t.isEmpty());
    }

    @Test
    void mergingInAnyGroupingGivesTheSameMean() {
        TrainLoss a = TrainLoss.of(0.1, 10);
        TrainLoss b = TrainLoss.of(0.4, 30);
        TrainLoss c = TrainLoss.of(0.9, 60);
        double left = a.copy().merge(b).merge(c).mean();
        double right = a.copy().merge(b.copy().merge(c)).mean();
        // (1 + 12 + 54) / 100
        assertEquals(0.67, left, 1e-12);
        assertEquals(left, right, 1e-12);
        assertEquals(0.1, a.mean(), 0.0, "merging into a copy leaves the original alone");
        assertEquals(c.mean(), TrainLoss.identity().merge(c).mean(), 0.0);
    }

    @Test
    void aMinibatchWithoutExamplesIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainLoss.of(0.5, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
