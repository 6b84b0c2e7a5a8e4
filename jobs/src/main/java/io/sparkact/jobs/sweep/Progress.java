package io.sparkact.jobs.sweep;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line printed as each trial ends: trials done / total, this trial's result, the best AUC so
 * far and the estimated time left. The ETA is (trials left) × (elapsed / trials ended in this run): wall
 * time per trial already includes how many run at once.
 */
final class Progress {

    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int ranHere;
    private double bestAuc = Double.NaN;
    private String best = "";

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Counts in a trial found on disk: done, and a candidate for the best so far. */
    synchronized void known(Trial t, Double auc) {
        done++;
        offer(t, auc);
    }

    synchronized void ended(Trial t, Double auc, String error, double seconds) {
        done++;
        ranHere++;
        offer(t, auc);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = (total - done) * elapsed / ranHere;
        String what = error == null
                ? String.format(Locale.ROOT, "AUC %s", auc == null ? "n/a" : String.format(Locale.ROOT, "%.4f", auc))
                : "FAILED: " + error;
        out.printf(Locale.ROOT, "[%d/%d] %s %s: %s (%.1f s) | best trial AUC %s | ETA %s%n", done, total, t.id(), t.label(),
                what, seconds, Double.isNaN(bestAuc) ? "n/a" : String.format(Locale.ROOT, "%.4f (%s)", bestAuc, best),
                duration(eta));
    }

    private void offer(Trial t, Double auc) {
        if (auc != null && (Double.isNaN(bestAuc) || auc > bestAuc)) {
            bestAuc = auc;
            best = t.label();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
