package io.sparkact.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
