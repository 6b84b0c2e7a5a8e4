package io.sparkact.jobs.config;

import io.sparkact.params.Range;
import java.util.List;

/** One configuration key: dotted name, type, default (null = required), allowed values and a description. */
public final class ConfigKey {

    /** Value types. Lists are HOCON lists or, with --set, comma-separated text. */
    public enum Type { STRING, INT, LONG, REAL, BOOL, ENUM, STRING_LIST, INT_LIST }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final Range range;
    private final List<String> choices;
    private final String description;

    ConfigKey(String name, Type type, Object defaultValue, Range range, List<String> choices, String description) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.range = range;
        this.choices = choices == null ? List.of() : List.copyOf(choices);
        this.description = description;
    }

    public String name() { return name; }
    public Type type() { return type; }
    /** The default, or null when the key is required. */
    public Object defaultValue() { return defaultValue; }
    public boolean required() { return defaultValue == null; }
    public Range range() { return range; }
    public List<String> choices() { return choices; }
    public String description() { return description; }

    /** What is allowed, in words: "an integer, 1 <= training.epochs <= 1000", "one of: parquet, criteo, csv". */
    public String allowed() {
        switch (type) {
            case ENUM:
                return "one of: " + String.join(", ", choices);
            case BOOL:
                return "true or false";
            case STRING:
                return required() ? "a non-empty string" : "a string";
            case STRING_LIST:
                return "a list of strings, e.g. [\"a\", \"b\"] (with --set: a,b)";
            case INT_LIST:
                return "a list of integers" + (range == null ? "" : " each " + range.describe("x"))
                        + ", e.g. [256, 128] (with --set: 256,128)";
            case INT:
            case LONG:
                return "an integer" + (range == null ? "" : ", " + range.describe(name));
            default:
                return "a number" + (range == null ? "" : ", " + range.describe(name));
        }
    }
}
