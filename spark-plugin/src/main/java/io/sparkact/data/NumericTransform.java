package io.sparkact.data;

import java.util.Locale;

/**
 * How numeric fields are transformed before they reach the network ({@code features.numeric_transform}).
 *
 * <ul>
 *   <li>{@link #LOG1P}: {@code sign(x)·log1p(|x|)}. Criteo's counts are heavy-tailed, and a few of its
 *       integer features hold small negative values (I2 has -1, -2, -3); the signed form keeps them finite,
 *       keeps their order, and equals {@code log1p(x)} for x ≥ 0.</li>
 *   <li>{@link #STANDARDIZE}: {@code (x − mean) / std} with the mean and population standard deviation of
 *       the raw (untransformed) non-missing values of the training data; a constant or empty column gets
 *       std 1 so it maps to 0 rather than dividing by zero.</li>
 *   <li>{@link #NONE}: the raw value.</li>
 * </ul>
 */
public enum NumericTransform {
    LOG1P, STANDARDIZE, NONE;

    /** Parses the config text (case-insensitive), naming the key and the allowed values on error. */
    public static NumericTransform parse(String key, String text) {
        if (text != null) {
            for (NumericTransform t : values()) {
                if (t.name().equalsIgnoreCase(text.trim())) {
                    return t;
                }
            }
        }
        throw new InputException(key + " given invalid value '" + text + "'; allowed: log1p, standardize, none");
    }

    /** The config spelling (lower case). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
