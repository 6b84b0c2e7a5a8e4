package io.sparkact.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A synthetic CTR problem with known structure, in the encoder's contract layout: 3 categorical fields
 * of 8 values each, hashed field-salted into {@link #BUCKETS} buckets (field f, value v → 8f + v), and 2
 * standard-normal numeric inputs. True logit = −0.5 + 1.2·x0 − 0.8·x1 + e[f][v] (a fixed per-category
 * effect in [−1.5, 1.5]) + 1.0·[c0 == c1 mod 8] (an interaction); label ~ Bernoulli(sigmoid(logit)).
 * The true probabilities are kept so a test can compute the oracle AUC, the ceiling of any model.
 */
final class SyntheticCtr {

    static final int BUCKETS = 24;
    static final int CAT = 3;
    static final int NUM = 2;

    final List<MultiDataSet> batches = new ArrayList<>();
    final List<Double> trueProb = new ArrayList<>();
    final List<Double> labels = new ArrayList<>();

    SyntheticCtr(int rows, int batchSize, long seed) {
        Random effects = new Random(1234); // the same rule for every sample drawn from it
        double[][] e = new double[CAT][8];
        for (double[] field : e) {
            for (int v = 0; v < 8; v++) {
                field[v] = -1.5 + 3 * effects.nextDouble();
            }
        }
        Random r = new Random(seed);
        for (int start = 0; start < rows; start += batchSize) {
            int b = Math.min(batchSize, rows - start);
            INDArray cat = Nd4j.create(DataType.FLOAT, b, CAT);
            INDArray num = Nd4j.create(DataType.FLOAT, b, NUM);
            INDArray y = Nd4j.create(DataType.FLOAT, b, 1);
            for (int i = 0; i < b; i++) {
                int[] c = {r.nextInt(8), r.nextInt(8), r.nextInt(8)};
                double x0 = r.nextGaussian();
                double x1 = r.nextGaussian();
                double logit = -0.5 + 1.2 * x0 - 0.8 * x1 + (c[0] == c[1] ? 1.0 : 0.0);
                for (int f = 0; f < CAT; f++) {
                    logit += e[f][c[f]];
                    cat.putScalar(i, f, 8 * f + c[f]);
                }
                double p = 1 / (1 + Math.exp(-logit));
                double label = r.nextDouble() < p ? 1 : 0;
                num.putScalar(i, 0, x0);
                num.putScalar(i, 1, x1);
                y.putScalar(i, 0, label);
                trueProb.add(p);
                labels.add(label);
            }
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {cat, num}, new INDArray[] {y}));
        }
    }

    /** Exact AUC by counting pairs (ties 1/2): the Mann–Whitney definition, O(n²), for test sizes. */
    static double pairAuc(List<Double> scores, List<Double> labels) {
        double good = 0;
        long pairs = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (labels.get(i) != 1.0) {
                continue;
            }
            for (int j = 0; j < scores.size(); j++) {
                if (labels.get(j) != 0.0) {
                    continue;
                }
                pairs++;
                int c = Double.compare(scores.get(i), scores.get(j));
                good += c > 0 ? 1 : c == 0 ? 0.5 : 0;
            }
        }
        return good / pairs;
    }
}
