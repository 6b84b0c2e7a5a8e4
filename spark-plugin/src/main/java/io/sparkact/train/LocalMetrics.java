package io.sparkact.train;

import java.util.Arrays;
import java.util.Comparator;

/**
 * {@link EvalMetrics} of (score, label) pairs held in one JVM, with the definitions of {@link Evaluator}:
 * AUC by the Mann–Whitney statistic with tied scores given their average rank (ties count 1/2; Fawcett,
 * "An introduction to ROC analysis", 2006, §7 — the same number MLlib's trapezoids give with numBins 0),
 * logloss with predictions clipped to [1e-15, 1 − 1e-15], calibration = mean prediction / positive rate.
 */
public final class LocalMetrics {

    private LocalMetrics() {
    }

    public static EvalMetrics of(double[] scores, double[] labels) {
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("evaluation data is empty: no minibatch with any example");
        }
        double sumScore = 0;
        double positives = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double c = Math.min(Math.max(scores[i], Evaluator.EPS), 1 - Evaluator.EPS);
            sumScore += scores[i];
            positives += labels[i];
            loss -= labels[i] * Math.log(c) + (1 - labels[i]) * Math.log(1 - c);
        }
        double auc = positives > 0 && positives < n ? auc(scores, labels, positives) : Double.NaN;
        double calibration = positives > 0 ? (sumScore / n) / (positives / n) : Double.NaN;
        return new EvalMetrics(auc, loss / n, calibration, n);
    }

    /** (sum of the positives' ranks − P(P+1)/2) / (P·N), ranks 1-based and averaged over ties. */
    private static double auc(double[] scores, double[] labels, double positives) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1; // average of ranks start+1 .. end+1
            for (int k = start; k <= end; k++) {
                rankSumPos += labels[order[k]] * rank;
            }
            start = end + 1;
        }
        double negatives = n - positives;
        return (rankSumPos - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
