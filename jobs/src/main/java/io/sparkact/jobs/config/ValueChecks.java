package io.sparkact.jobs.config;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.jobs.cli.UsageException;
import io.sparkact.models.ModelSpec;
import io.sparkact.models.TableUpdater;

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

    /** training.embedding_learning_rate other than its default needs training.embedding_updater=adagrad. */
    public static void embeddingLearningRate(JobConfig c) {
        double rate = c.real("training.embedding_learning_rate");
        if (ModelSpec.embeddingRateIgnored(TableUpdater.parse(c.string("training.embedding_updater")), rate)) {
            throw new UsageException("config key training.embedding_learning_rate given invalid value '" + rate
                    + "'; allowed: " + ModelSpec.EMBEDDING_RATE_WITH_ADAM);
        }
    }
}
