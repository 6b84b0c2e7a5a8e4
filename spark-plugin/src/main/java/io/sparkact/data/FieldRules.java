package io.sparkact.data;

import java.util.regex.Pattern;

/**
 * How the text formats turn a field into a value, and which values are bad.
 *
 * <ul>
 *   <li>Numeric fields (CSV): a decimal number ({@code [+-]digits[.digits][e[+-]digits]}, surrounding blanks
 *       ignored); empty = missing. "NaN", "Inf", "Infinity" (any case, signed) are {@link BadReason#NOT_FINITE};
 *       a finite literal beyond the double range is {@link BadReason#OVERFLOW}. Java-only forms such as
 *       {@code 1d} or hex floats are not numbers here.</li>
 *   <li>Numeric fields (Criteo): Criteo's integer features are integers: {@code [+-]digits} in the 64-bit
 *       range (else {@link BadReason#OVERFLOW}); a decimal such as {@code 1.5} is {@link BadReason#NOT_NUMERIC}.</li>
 *   <li>Label: 0 or 1 written as a number ({@code 0}, {@code 1}, {@code 1.0}); empty is
 *       {@link BadReason#MISSING_LABEL}, anything else {@link BadReason#BAD_LABEL}.</li>
 * </ul>
 */
final class FieldRules {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private FieldRules() { }

    /** The value of a numeric field, or null when the field is empty (missing). */
    static Double numeric(String column, String text, boolean integersOnly) throws Rejection {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (NON_FINITE.matcher(t).matches()) {
            throw new Rejection(BadReason.NOT_FINITE, column + " given '" + t + "'; allowed: a finite number");
        }
        if (integersOnly) {
            if (!INTEGER.matcher(t).matches()) {
                throw new Rejection(BadReason.NOT_NUMERIC, column + " given '" + t + "'; allowed: an integer or empty");
            }
            try {
                return (double) Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new Rejection(BadReason.OVERFLOW, column + " given '" + t
                        + "'; allowed: an integer in the 64-bit range");
            }
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new Rejection(BadReason.NOT_NUMERIC, column + " given '" + t + "'; allowed: a number or empty");
        }
        double v = Double.parseDouble(t);
        if (Double.isInfinite(v)) {
            throw new Rejection(BadReason.OVERFLOW, column + " given '" + t + "'; allowed: |value| <= "
                    + Double.MAX_VALUE);
        }
        return v;
    }

    /** The label as 0.0 or 1.0. */
    static double label(String column, String text) throws Rejection {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new Rejection(BadReason.MISSING_LABEL, column + " is empty; allowed: 0 or 1");
        }
        if (DECIMAL.matcher(t).matches()) {
            double v = Double.parseDouble(t);
            if (v == 0.0 || v == 1.0) {
                return v == 0.0 ? 0.0 : 1.0;
            }
        }
        throw new Rejection(BadReason.BAD_LABEL, column + " given '" + t + "'; allowed: 0 or 1");
    }
}
