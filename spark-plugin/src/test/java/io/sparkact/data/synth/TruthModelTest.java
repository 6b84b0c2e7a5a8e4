package io.sparkact.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TruthModelTest {

    @Test
    void pairTermEqualsTheExplicitSumOverFieldPairs() {
        SynthSpec spec = SynthSpec.builder().numericFields(0).categoricalFields(6).cardinalities(50)
                .latentDim(3).build();
        TruthModel t = new TruthModel(spec, new RowSampler(spec));
        int[] ranks = {1, 7, 0, 50, 3, 3};
        double main = 0;
        double pairs = 0;
        for (int f = 0; f < 6; f++) {
            main += t.mainEffect(f, ranks[f]);
            for (int g = f + 1; g < 6; g++) {
                double[] a = t.latentVector(f, ranks[f]);
                double[] b = t.latentVector(g, ranks[g]);
                for (int j = 0; j < 3; j++) {
                    pairs += a[j] * b[j];
                }
            }
        }
        assertNotEquals(0.0, pairs);
        assertEquals(main + pairs, t.categoricalTerms(ranks), 1e-12);
    }

    @Test
    void rankWeightHasUnitMeanSquareOverZipfDrawsAndShrinksTheTail() {
        SynthSpec spec = SynthSpec.builder().numericFields(0).categoricalFields(2).cardinalities(100_000, 3)
                .build();
        TruthModel t = new TruthModel(spec, new RowSampler(spec));
        // Monte Carlo over the sampler's own draws, independent of the exact sum in rankNorm
        ZipfSampler zipf = new ZipfSampler(100_000, spec.zipfExponent());
        SplittableRandom rng = new SplittableRandom(7);
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            double w = t.rankWeight(0, zipf.sample(rng));
            sum += w * w;
        }
        assertEquals(1.0, sum / n, 0.02);
        // d(k) = 1 / (1 + (k - 1) / HEAD_RANK): rank 1 + 10 HEAD_RANK weighs 1/11 of the top id
        assertEquals(11.0, t.rankWeight(0, 1) / t.rankWeight(0, 1 + (int) (10 * TruthModel.HEAD_RANK)), 1e-12);
        assertEquals(1.0, t.rankWeight(0, 0), 0.0);
        assertTrue(t.rankWeight(0, 100_000) < 0.001, "tail weight " + t.rankWeight(0, 100_000));
        // three values: weights (1, 3/4, 3/5) / RMS under P(k) ~ k^-s, computed here by hand
        double s = spec.zipfExponent();
        double[] d = {1.0, 1.0 / (1 + 1 / TruthModel.HEAD_RANK), 1.0 / (1 + 2 / TruthModel.HEAD_RANK)};
        double mass = 1 + Math.pow(2, -s) + Math.pow(3, -s);
        double msq = (d[0] * d[0] + Math.pow(2, -s) * d[1] * d[1] + Math.pow(3, -s) * d[2] * d[2]) / mass;
        assertEquals(d[2] / Math.sqrt(msq), t.rankWeight(1, 3), 1e-12);
    }

    @Test
    void interceptCalibratesTheMeanProbabilityOnFreshRows() {
        for (double rate : new double[] {0.03, 0.1, 0.3}) {
            SynthSpec spec = SynthSpec.builder().clickRate(rate).seed(5).build();
            RowSampler sampler = new RowSampler(spec);
            TruthModel t = new TruthModel(spec, sampler);
            int[] c = new int[13];
            int[] r = new int[26];
            double[] z = new double[13];
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                sampler.draw(RowSampler.rowRandom(spec.seed(), i), c, r);
                sum += t.probability(c, r, z);
            }
            // data rows are a different sample from the calibration rows: allow sampling error
            assertEquals(rate, sum / n, 0.004 + 0.03 * rate, "click_rate " + rate);
        }
    }

    @Test
    void bisectionFindsTheClosedFormIntercept() {
        // all logits 0: sigmoid(b) = 0.25 has the closed form b = log(0.25 / 0.75)
        assertEquals(Math.log(1.0 / 3.0), Calibration.interceptFor(new double[] {0, 0, 0}, 0.25), 1e-12);
    }

    @Test
    void idStringsAreDistinctWithinAField() {
        SynthSpec spec = SynthSpec.builder().rows(1).build();
        SyntheticRows rows = new SyntheticRows(spec);
        Set<String> seen = new HashSet<>();
        for (int k = 1; k <= 100_000; k++) {
            String id = rows.idString(2, k);
            assertEquals(8, id.length());
            seen.add(id);
        }
        assertEquals(100_000, seen.size());
    }

    @Test
    void rowRandomDependsOnSeedAndRowOnly() {
        SplittableRandom a = RowSampler.rowRandom(1, 99);
        SplittableRandom b = RowSampler.rowRandom(1, 99);
        assertEquals(a.nextLong(), b.nextLong());
        assertNotEquals(RowSampler.rowRandom(1, 99).nextLong(), RowSampler.rowRandom(2, 99).nextLong());
    }
}
