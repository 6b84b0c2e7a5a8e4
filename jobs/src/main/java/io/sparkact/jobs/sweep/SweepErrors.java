package io.sparkact.jobs.sweep;

import io.sparkact.jobs.cli.UsageException;
import java.util.List;

/** The usage errors of the sweep keys, in the project's form: key, the value as given, what is allowed. */
final class SweepErrors {

    private SweepErrors() {
    }

    static UsageException invalid(String key, List<String> items, String allowed) {
        return invalid(key, "[" + String.join(", ", items) + "]", allowed);
    }

    static UsageException invalid(String key, String value, String allowed) {
        return new UsageException("config key " + key + " given invalid value '" + value + "'; allowed: " + allowed);
    }
}
