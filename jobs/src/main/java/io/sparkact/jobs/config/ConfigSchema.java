package io.sparkact.jobs.config;

import io.sparkact.params.Range;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The keys a job accepts, in the order its --help lists them. Immutable once built. */
public final class ConfigSchema {

    private final String job;
    private final Map<String, ConfigKey> keys;

    private ConfigSchema(String job, Map<String, ConfigKey> keys) {
        this.job = job;
        this.keys = keys;
    }

    public static Builder builder(String job) {
        return new Builder(job);
    }

    public String job() { return job; }
    public Collection<ConfigKey> keys() { return keys.values(); }
    public ConfigKey key(String name) { return keys.get(name); }
    public boolean has(String name) { return keys.containsKey(name); }

    /** The key listing for --help: name, default, allowed values, description. */
    public String help() {
        StringBuilder sb = new StringBuilder("configuration keys (HOCON file with --config, or --set key=value):\n");
        for (ConfigKey k : keys.values()) {
            sb.append(String.format("  %-28s %-22s %s%n", k.name(),
                    k.required() ? "(required)" : "= " + ConfigValues.show(k.defaultValue()), k.description()));
            sb.append(String.format("  %-28s %-22s allowed: %s%n", "", "", k.allowed()));
        }
        return sb.toString();
    }

    /** Builds a schema; every key is declared once with its type, default and constraint. */
    public static final class Builder {
        private final String job;
        private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

        private Builder(String job) {
            this.job = job;
        }

        private Builder add(ConfigKey k) {
            if (keys.put(k.name(), k) != null) {
                throw new IllegalStateException("config key declared twice: " + k.name());
            }
            return this;
        }

        public Builder string(String name, String dflt, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.STRING, dflt, null, null, description));
        }

        public Builder integer(String name, Integer dflt, Range range, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.INT, dflt, range, null, description));
        }

        public Builder longValue(String name, Long dflt, Range range, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.LONG, dflt, range, null, description));
        }

        public Builder real(String name, Double dflt, Range range, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.REAL, dflt, range, null, description));
        }

        public Builder bool(String name, boolean dflt, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.BOOL, dflt, null, null, description));
        }

        public Builder choice(String name, String dflt, List<String> choices, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.ENUM, dflt, null, choices, description));
        }

        public Builder strings(String name, List<String> dflt, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.STRING_LIST, dflt, null, null, description));
        }

        public Builder ints(String name, List<Integer> dflt, Range eachIn, String description) {
            return add(new ConfigKey(name, ConfigKey.Type.INT_LIST, dflt, eachIn, null, description));
        }

        public ConfigSchema build() {
            return new ConfigSchema(job, new LinkedHashMap<>(keys));
        }
    }

    /** Names of all keys, for did-you-mean suggestions. */
    List<String> names() {
        return new ArrayList<>(keys.keySet());
    }
}
