package io.sparkact.data.synth;

import java.util.Arrays;
import java.util.Comparator;

/** Reference metrics computed on the driver from their textbook definitions, to check the distributed ones. */
final class DriverMetrics {

    private DriverMetrics() {
    }

    /**
     * AUC as the Mann-Whitney U statistic over positives and negatives, ties given mid-ranks
     * (Hanley and McNeil, Radiology 143, 1982): AUC = (R+ - n+(n+ + 1)/2) / (n+ n-).
     */
    static double auc(double[] p, int[] y) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    rankSumPos += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Mean binary cross-entropy with p clipped to [1e-15, 1 - 1e-15]. */
    static double logloss(double[] p, int[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
            s -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return s / p.length;
    }
}
