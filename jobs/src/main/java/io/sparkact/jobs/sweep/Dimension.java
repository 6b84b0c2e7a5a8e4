package io.sparkact.jobs.sweep;

import io.sparkact.jobs.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One swept train parameter (e.g. {@code sweep.learning_rate} for {@code training.learning_rate}): either a
 * grid list of values or a random {@link SearchRange}, written as a list whose first item is the range's kind,
 * e.g. {@code [log_uniform, 1e-4, 1e-2]}. Every value, and both ends of a range, have been checked against
 * the train key's own rule.
 *
 * @param sweepKey the sweep config key
 * @param target the train config key it sets
 * @param grid the values of a grid list (Double, or Integer for an integer key); empty for a range
 * @param range the random range, or null for a grid list
 */
record Dimension(String sweepKey, ConfigKey target, List<Object> grid, SearchRange range) {

    /** Parses the items of {@code sweepKey}; an empty list means the parameter is not swept (null). */
    static Dimension parse(String sweepKey, ConfigKey target, List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        boolean integer = target.type() == ConfigKey.Type.INT;
        SearchRange.Kind kind = SearchRange.Kind.named(items.get(0));
        if (kind != null) {
            if (items.size() != 3) {
                throw SweepErrors.invalid(sweepKey, items, SearchRange.SYNTAX);
            }
            SearchRange r;
            try {
                r = SearchRange.of(kind, number(sweepKey, items, items.get(1)), number(sweepKey, items, items.get(2)));
            } catch (IllegalArgumentException e) {
                throw SweepErrors.invalid(sweepKey, items, e.getMessage());
            }
            if (integer != (kind == SearchRange.Kind.INT)) {
                throw SweepErrors.invalid(sweepKey, items, integer ? "a list of integers or [int, lo, hi]"
                        : "a list of numbers or [uniform|log_uniform, lo, hi]");
            }
            check(sweepKey, target, items, r.lo());
            check(sweepKey, target, items, r.hi());
            return new Dimension(sweepKey, target, List.of(), r);
        }
        List<Object> values = new ArrayList<>();
        for (String s : items) {
            double v = number(sweepKey, items, s);
            if (integer && v != Math.rint(v)) {
                throw SweepErrors.invalid(sweepKey, items, "a list of integers or [int, lo, hi]");
            }
            check(sweepKey, target, items, v);
            values.add(integer ? (Object) (int) v : (Object) v);
        }
        return new Dimension(sweepKey, target, List.copyOf(values), null);
    }

    boolean isGrid() {
        return range == null;
    }

    /** A value for one random trial: a grid value chosen uniformly, or a draw from the range. */
    Object sample(Random r) {
        return isGrid() ? grid.get(r.nextInt(grid.size())) : range.sample(r);
    }

    private static double number(String key, List<String> items, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw SweepErrors.invalid(key, items, "a list of numbers, or a range: " + SearchRange.SYNTAX);
        }
    }

    private static void check(String key, ConfigKey target, List<String> items, double v) {
        if (target.range() != null && !target.range().contains(v)) {
            throw SweepErrors.invalid(key, items, target.allowed() + ", for each value and both ends of a range");
        }
    }
}
