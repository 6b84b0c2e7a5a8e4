package io.sparkact.jobs.config;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.jobs.cli.UsageException;

/**
 * Checks of values whose rule lives outside the schema (an activation spec is valid when the catalog can
 * parse it), phrased like the schema's own errors so that the message names the config key and its value.
 */
public final class ValueChecks {

    private ValueChecks() {
    }

    /** Parses {@code spec}; a bad one is a usage error naming {@code key}, the spec and the catalog's reason. */
    public static void activation(String key, String spec) {
        try {
            ActivationCatalog.standard().parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("config key " + key + " given invalid value '" + spec + "'; " + e.getMessage(), e);
        }
    }
}
