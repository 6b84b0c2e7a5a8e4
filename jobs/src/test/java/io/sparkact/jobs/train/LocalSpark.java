package io.sparkact.jobs.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The embedded Spark of in-process job tests: {@code SparkSessions.get} reads spark.* system properties, so
 * setting them before the first job runs gives the jobs a local[2] session on loopback without its web UI.
 * {@link #stop()} stops whatever session the jobs created and restores the properties.
 */
public final class LocalSpark {

    private static final Map<String, String> PROPERTIES = Map.of(
            "spark.master", "local[2]",
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.ui.enabled", "false",
            "spark.sql.shuffle.partitions", "2");

    private final Map<String, String> saved = new LinkedHashMap<>();

    private LocalSpark() {
    }

    public static LocalSpark start() {
        LocalSpark s = new LocalSpark();
        for (Map.Entry<String, String> e : PROPERTIES.entrySet()) {
            s.saved.put(e.getKey(), System.getProperty(e.getKey()));
            System.setProperty(e.getKey(), e.getValue());
        }
        return s;
    }

    public void stop() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        for (Map.Entry<String, String> e : saved.entrySet()) {
            if (e.getValue() == null) {
                System.clearProperty(e.getKey());
            } else {
                System.setProperty(e.getKey(), e.getValue());
            }
        }
    }
}
