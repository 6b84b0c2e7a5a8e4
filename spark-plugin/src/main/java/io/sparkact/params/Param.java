package io.sparkact.params;

import java.util.Locale;
import java.util.Objects;

/**
 * One named parameter of an activation or layer: its type, default, allowed range and description.
 *
 * <p>Immutable. {@link #check(String, Object)} validates a value and {@link #parse(String, String)}
 * turns the text of a spec into a typed value; both throw {@link IllegalArgumentException} with a
 * message that names the owner, the parameter, the bad value and what is allowed.
 */
public final class Param {

    /** The value type of a parameter. */
    public enum Type { REAL, INT, BOOL }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final Range range;
    private final String description;

    private Param(String name, Type type, Object defaultValue, Range range, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.defaultValue = defaultValue;
        this.range = range;
        this.description = description;
    }

    /** A real-valued parameter whose values must lie in {@code range}. */
    public static Param real(String name, double defaultValue, Range range, String description) {
        return new Param(name, Type.REAL, defaultValue, range, description);
    }

    /** An integer parameter whose values must lie in {@code range}. */
    public static Param integer(String name, int defaultValue, Range range, String description) {
        return new Param(name, Type.INT, defaultValue, range, description);
    }

    /** A boolean parameter ({@code true} or {@code false}). */
    public static Param bool(String name, boolean defaultValue, String description) {
        return new Param(name, Type.BOOL, defaultValue, null, description);
    }

    public String name() { return name; }
    public Type type() { return type; }
    public Object defaultValue() { return defaultValue; }
    /** Allowed range, or null for booleans. */
    public Range range() { return range; }
    public String description() { return description; }

    /** Validates a real value and returns it. */
    public double check(String owner, double value) {
        if (type != Type.REAL) {
            throw new IllegalStateException(name + " is not a real parameter");
        }
        if (!range.contains(value)) {
            throw invalid(owner, format(value), range.describe(name));
        }
        return value;
    }

    /** Validates an integer value and returns it. */
    public int check(String owner, int value) {
        if (type == Type.REAL) {
            return (int) check(owner, (double) value);
        }
        if (type != Type.INT) {
            throw new IllegalStateException(name + " is not an integer parameter");
        }
        if (!range.contains(value)) {
            throw invalid(owner, Integer.toString(value), range.describe(name));
        }
        return value;
    }

    /** Validates a typed value (Double, Integer or Boolean) and returns it. */
    public Object check(String owner, Object value) {
        switch (type) {
            case REAL:
                return check(owner, ((Number) value).doubleValue());
            case INT:
                return check(owner, ((Number) value).intValue());
            default:
                return (Boolean) value;
        }
    }

    /** Parses the text of a spec value into this parameter's type and validates it. */
    public Object parse(String owner, String text) {
        String t = text.trim();
        switch (type) {
            case REAL: {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw invalid(owner, t, "a number, " + range.describe(name));
                }
                return check(owner, v);
            }
            case INT: {
                int v;
                try {
                    v = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw invalid(owner, t, "an integer, " + range.describe(name));
                }
                return check(owner, v);
            }
            default: {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("true")) {
                    return Boolean.TRUE;
                }
                if (l.equals("false")) {
                    return Boolean.FALSE;
                }
                throw invalid(owner, t, "true or false");
            }
        }
    }

    /** "name=default" as used in specs and listings. */
    public String withDefault() {
        return name + "=" + formatValue(defaultValue);
    }

    /** The constraint in words, e.g. "0 <= alpha < 1". */
    public String describeRange() {
        return range == null ? name + " in {true, false}" : range.describe(name);
    }

    /** The exception for a bad value: names owner, parameter, value and what is allowed. */
    public IllegalArgumentException invalid(String owner, String value, String allowed) {
        return invalid(owner, name, value, allowed);
    }

    /** Same message form for checks that involve more than one parameter (e.g. lower <= upper). */
    public static IllegalArgumentException invalid(String owner, String param, String value, String allowed) {
        return new IllegalArgumentException(
                owner + " parameter " + param + " given invalid value " + value + "; allowed: " + allowed);
    }

    /** Shortest exact text for a double: 0.01, 6, 1.0E-9, NaN. */
    public static String format(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String formatValue(Object v) {
        return v instanceof Double ? format((Double) v) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return withDefault() + " (" + describeRange() + ")";
    }
}
