package io.sparkact.plugin;

import org.apache.spark.SparkConf;

/** The plugin's own Spark configuration keys, validated where they are read. */
public final class PluginSettings {

    /** How often an executor sends its counters to the driver, in milliseconds. */
    public static final String REPORT_INTERVAL_KEY = "spark.sparkact.plugin.reportIntervalMs";
    static final long DEFAULT_REPORT_INTERVAL_MS = 2000;
    static final long MIN_REPORT_INTERVAL_MS = 100;
    static final long MAX_REPORT_INTERVAL_MS = 600_000;

    private PluginSettings() {
    }

    /** {@link #REPORT_INTERVAL_KEY}, default 2000; outside [100, 600000] or not an integer: an error naming the key. */
    public static long reportIntervalMs(SparkConf conf) {
        if (!conf.contains(REPORT_INTERVAL_KEY)) {
            return DEFAULT_REPORT_INTERVAL_MS;
        }
        String v = conf.get(REPORT_INTERVAL_KEY).trim();
        try {
            long ms = Long.parseLong(v);
            if (ms >= MIN_REPORT_INTERVAL_MS && ms <= MAX_REPORT_INTERVAL_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new IllegalArgumentException(REPORT_INTERVAL_KEY + " given invalid value " + v
                + "; allowed: an integer number of milliseconds from " + MIN_REPORT_INTERVAL_MS + " to "
                + MAX_REPORT_INTERVAL_MS);
    }
}
