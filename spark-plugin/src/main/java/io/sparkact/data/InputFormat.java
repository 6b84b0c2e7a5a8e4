package io.sparkact.data;

import java.util.Locale;

/** The input formats: Parquet with a schema, Criteo TSV (fixed schema, no header), CSV with a schema. */
public enum InputFormat {
    PARQUET, CRITEO, CSV;

    /** Parses the config text of {@code key} (case-insensitive), naming the key and the allowed values. */
    public static InputFormat parse(String key, String text) {
        if (text != null) {
            for (InputFormat f : values()) {
                if (f.name().equalsIgnoreCase(text.trim())) {
                    return f;
                }
            }
        }
        throw new InputException(key + " given invalid value '" + text + "'; allowed: parquet, criteo, csv");
    }

    /** The config spelling (lower case). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
