package io.sparkact.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The merge laws of the values that cross the cluster: the identity changes nothing, and any grouping of
 * any split of the same rows gives the statistics of the whole (counts exactly, moments to rounding).
 */
class MergeLawsTest {

    private static final int UNITS = 5;
    private static final int ROWS = 300;

    /** Rows of outputs and derivatives: a third of the derivatives below the threshold, unit 4 always. */
    private static double[][] rows(Random rnd, boolean out) {
        double[][] r = new double[ROWS][UNITS];
        for (double[] row : r) {
            for (int u = 0; u < UNITS; u++) {
                if (out) {
                    row[u] = 1e3 + rnd.nextGaussian(); // a large mean against the spread: the naive formula fails here
                } else {
                    row[u] = u == 4 || rnd.nextInt(3) == 0 ? rnd.nextDouble() * 9e-4 : 0.5 + rnd.nextDouble();
                }
            }
        }
        return r;
    }

    private static LayerStats stats(double[][] out, double[][] fp, int from, int to) {
        LayerStats s = new LayerStats(UNITS);
        if (to > from) {
            s.add(flat(out, from, to), flat(fp, from, to), to - from);
        }
        return s;
    }

    private static double[] flat(double[][] m, int from, int to) {
        return Arrays.stream(m, from, to).flatMapToDouble(Arrays::stream).toArray();
    }

    private static void assertSameStats(LayerStats expected, LayerStats actual) {
        assertEquals(expected.examples(), actual.examples());
        assertEquals(expected.deadUnits(), actual.deadUnits());
        assertEquals(expected.saturatedPairs(), actual.saturatedPairs());
        assertEquals(expected.activePairs(), actual.activePairs());
        assertEquals(expected.mean(), actual.mean(), 1e-9 * Math.abs(expected.mean()));
        assertEquals(expected.std(), actual.std(), 1e-9 * expected.std());
        assertEquals(expected.maxAbs(), actual.maxAbs(), 0.0);
    }

    @Test
    void layerStatsIdentityAndAssociativityOnRandomSplits() {
        Random rnd = new Random(11);
        double[][] out = rows(rnd, true);
        double[][] fp = rows(rnd, false);
        LayerStats whole = stats(out, fp, 0, ROWS);
        // unit 4 never reaches the threshold: dead; the others are alive somewhere
        assertEquals(1, whole.deadUnits());
        assertSameStats(whole, new LayerStats(UNITS).merge(whole));
        assertSameStats(whole, whole.copy().merge(new LayerStats(UNITS)));
        assertTrue(new LayerStats(UNITS).isEmpty() && Double.isNaN(new LayerStats(UNITS).deadFraction()));
        for (int trial = 0; trial < 20; trial++) {
            int a = rnd.nextInt(ROWS + 1);
            int b = a + rnd.nextInt(ROWS + 1 - a);
            LayerStats x = stats(out, fp, 0, a);
            LayerStats y = stats(out, fp, a, b);
            LayerStats z = stats(out, fp, b, ROWS);
            LayerStats left = x.copy().merge(y).merge(z);
            LayerStats right = x.copy().merge(y.copy().merge(z));
            assertSameStats(whole, left);
            assertSameStats(whole, right);
            assertSameStats(whole, z.copy().merge(x).merge(y)); // order does not matter either
        }
    }

    @Test
    void momentsStayAccurateWithALargeMean() {
        // 1e9 + {0, 1, 2, 3}: population std sqrt(1.25); Σx²/n − mean² would lose it in doubles
        MomentStats m = new MomentStats();
        MomentStats n = new MomentStats();
        m.add(1e9);
        m.add(1e9 + 1);
        n.add(1e9 + 2);
        n.add(1e9 + 3);
        m.merge(n);
        assertEquals(1e9 + 1.5, m.mean(), 0.0);
        assertEquals(Math.sqrt(1.25), m.std(), 1e-12);
    }

    @Test
    void healthStatsIdentityAndAssociativity() {
        Random rnd = new Random(5);
        double[][] out = rows(rnd, true);
        double[][] fp = rows(rnd, false);
        List<HealthStats> parts = new ArrayList<>();
        for (int from = 0; from < ROWS; from += 100) {
            HealthStats h = HealthStats.forUnits(List.of(UNITS, UNITS));
            h.layer(0).merge(stats(out, fp, from, from + 100));
            h.layer(1).merge(stats(fp, out, from, from + 100));
            parts.add(h);
        }
        HealthStats left = HealthStats.identity().merge(parts.get(0)).merge(parts.get(1)).merge(parts.get(2));
        HealthStats right = parts.get(0).copy().merge(parts.get(1).copy().merge(parts.get(2)).merge(HealthStats.identity()));
        assertSameStats(stats(out, fp, 0, ROWS), left.layer(0));
        assertSameStats(stats(out, fp, 0, ROWS), right.layer(0));
        assertSameStats(stats(fp, out, 0, ROWS), right.layer(1));
        assertTrue(HealthStats.identity().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> left.merge(HealthStats.forUnits(List.of(UNITS))));
        assertEquals("cannot merge the health of a network with 1 hidden layers into one with 2", e.getMessage());
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> new LayerStats(3).merge(new LayerStats(4)));
        assertEquals("cannot merge the statistics of a layer of 4 units into one of 3 units", units.getMessage());
    }

    @Test
    void gradNormsMeanOverMinibatchesAndMergeLaws() {
        GradNorms a = GradNorms.identity().add(new double[] {1, 10}).add(new double[] {3, Double.NaN});
        GradNorms b = GradNorms.identity().add(new double[] {5, 20});
        // layer 0: (1 + 3 + 5)/3; layer 1: the NaN minibatch is not counted, (10 + 20)/2
        GradNorms ab = a.copy().merge(b);
        assertEquals(3.0, ab.mean(0), 0.0);
        assertEquals(15.0, ab.mean(1), 0.0);
        assertEquals(3, ab.count(0));
        assertEquals(2, ab.count(1));
        GradNorms ba = GradNorms.identity().merge(b).merge(GradNorms.identity()).merge(a);
        assertEquals(ab.mean(0), ba.mean(0), 0.0);
        assertEquals(ab.mean(1), ba.mean(1), 0.0);
        // a duplicated task adds its sum and count again: the mean moves only by re-weighting, here not at all
        assertEquals(3.0, ab.copy().merge(ab).mean(0), 0.0);
        assertTrue(Double.isNaN(GradNorms.identity().mean(0)) && GradNorms.identity().isEmpty());
    }

    @Test
    void accumulatorStartsFromTheIdentityAndResets() {
        MergeableAccumulator<GradNorms> acc = new MergeableAccumulator<>(GradNorms.identity());
        acc.add(GradNorms.identity().add(new double[] {2}));
        MergeableAccumulator<GradNorms> other = acc.copy();
        other.add(GradNorms.identity().add(new double[] {4}));
        acc.merge(other);
        assertEquals(8.0 / 3, acc.value().mean(0), 1e-15); // 2 + (2 + 4), over 3 minibatches
        assertTrue(acc.copyAndReset().isZero());
        assertEquals(3, acc.value().count(0)); // copyAndReset leaves the original alone
        acc.reset();
        assertTrue(acc.isZero());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MergeableAccumulator<>(GradNorms.identity().add(new double[] {1})));
        assertEquals("an accumulator must start from an identity element", e.getMessage());
    }
}
