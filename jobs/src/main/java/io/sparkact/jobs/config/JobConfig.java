package io.sparkact.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.sparkact.jobs.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's resolved, validated configuration: schema defaults, overridden by the HOCON file given with
 * --config, overridden by --set key=value. Every value has been converted to its key's type and checked
 * against its constraint; every key in the file and in --set is one the schema declares.
 */
public final class JobConfig {

    private final ConfigSchema schema;
    private final Map<String, Object> values;

    private JobConfig(ConfigSchema schema, Map<String, Object> values) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param configPath a HOCON file on any Hadoop FileSystem, or null
     * @param sets the --set overrides, key → text
     */
    public static JobConfig load(ConfigSchema schema, String configPath, Map<String, String> sets) {
        Config file = configPath == null ? ConfigFactory.empty() : parse(configPath);
        for (Map.Entry<String, ConfigValue> e : file.entrySet()) {
            if (!schema.has(e.getKey())) {
                String owner = knownPrefix(schema, e.getKey());
                if (owner != null) { // "key { a = 1 }" or "key.a = 1": an object where the key wants a value
                    ConfigValue v = file.getValue(owner);
                    throw ConfigValues.invalid(schema.key(owner), v.render(ConfigRenderOptions.concise()),
                            where(configPath, v));
                }
                throw new UsageException(unknown(schema, e.getKey(), where(configPath, e.getValue())));
            }
        }
        for (String k : sets.keySet()) {
            if (!schema.has(k)) {
                throw new UsageException(unknown(schema, k, "--set " + k));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey k : schema.keys()) {
            Object v;
            if (sets.containsKey(k.name())) {
                v = ConfigValues.fromText(k, sets.get(k.name()), "--set " + k.name());
            } else if (file.hasPath(k.name())) {
                ConfigValue cv = file.getValue(k.name());
                v = ConfigValues.fromConfig(k, cv, where(configPath, cv));
            } else if (k.required()) {
                throw new UsageException("config key " + k.name() + " is required: " + k.description()
                        + "; give it in the --config file or with --set " + k.name() + "=...");
            } else {
                v = k.defaultValue();
            }
            values.put(k.name(), v);
        }
        return new JobConfig(schema, values);
    }

    private static Config parse(String configPath) {
        Path path = new Path(configPath);
        String text;
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            if (!fs.exists(path)) {
                throw new UsageException("config file " + configPath + " does not exist");
            }
            try (InputStream in = fs.open(path)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + configPath + ": " + e.getMessage(), e);
        }
        try {
            return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(configPath))
                    .resolve();
        } catch (ConfigException e) {
            throw new UsageException("config file " + configPath + " is not valid HOCON: " + e.getMessage(), e);
        }
    }

    /** The longest proper dotted prefix of {@code key} that is a key of the schema, or null. */
    private static String knownPrefix(ConfigSchema schema, String key) {
        for (int i = key.lastIndexOf('.'); i > 0; i = key.lastIndexOf('.', i - 1)) {
            if (schema.has(key.substring(0, i))) {
                return key.substring(0, i);
            }
        }
        return null;
    }

    private static String where(String configPath, ConfigValue v) {
        int line = v.origin().lineNumber();
        return configPath + (line > 0 ? " line " + line : "");
    }

    private static String unknown(ConfigSchema schema, String key, String where) {
        String suggestion = DidYouMean.closest(key, schema.names());
        return "unknown config key '" + key + "' (" + where + ")"
                + (suggestion == null ? "." : "; did you mean '" + suggestion + "'?")
                + " Run 'sparkact " + schema.job() + " --help' for the valid keys.";
    }

    public ConfigSchema schema() { return schema; }

    /** Every key with its resolved value, in schema order (for manifests and logs). */
    public Map<String, Object> values() { return values; }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no config key " + key + " in the " + schema.job() + " schema");
        }
        return values.get(key);
    }

    public String string(String key) { return (String) get(key); }
    public int integer(String key) { return (Integer) get(key); }
    public long longValue(String key) { return ((Number) get(key)).longValue(); }
    public double real(String key) { return ((Number) get(key)).doubleValue(); }
    public boolean bool(String key) { return (Boolean) get(key); }

    @SuppressWarnings("unchecked")
    public List<String> strings(String key) { return (List<String>) get(key); }

    @SuppressWarnings("unchecked")
    public List<Integer> ints(String key) { return (List<Integer>) get(key); }

    /** A value as HOCON (and --set) text: strings quoted, lists bracketed; what {@link #render()} writes. */
    public static String hocon(Object value) {
        return ConfigValues.show(value);
    }

    /** The resolved configuration as HOCON text that {@code --config} accepts unchanged. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sb.append(e.getKey()).append(" = ").append(ConfigValues.show(e.getValue())).append('\n');
        }
        return sb.toString();
    }
}
