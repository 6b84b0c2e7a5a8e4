package io.sparkact.jobs.config;

import java.util.List;

/** The closest known name to a mistyped one, by edit distance (Levenshtein 1966), if it is close enough. */
final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The candidate nearest to {@code wrong}, or null when none is within a third of its length. Ties go to the
     * smaller plain edit distance, so "sweep.activation" suggests "sweep.activations" (one letter) rather than
     * "model.activation" (same leaf, other group).
     */
    static String closest(String wrong, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestRaw = Integer.MAX_VALUE;
        for (String c : candidates) {
            int raw = distance(wrong, c);
            int d = raw;
            String wrongLeaf = wrong.substring(wrong.lastIndexOf('.') + 1);
            String leaf = c.substring(c.lastIndexOf('.') + 1);
            if (wrongLeaf.equals(leaf)) {
                d = Math.min(d, 1); // right name at the wrong level, e.g. "epochs" for "training.epochs"
            }
            if (d < bestDistance || d == bestDistance && raw < bestRaw) {
                bestDistance = d;
                bestRaw = raw;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, wrong.length() / 3) ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
