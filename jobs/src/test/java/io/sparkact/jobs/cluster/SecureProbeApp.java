package io.sparkact.jobs.cluster;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The small application {@link SecureClusterIT} submits to a secured cluster (packed into a jar of its own at test
 * time, so executors fetch a few kilobytes instead of the 157 MB application jar): a grouped count whose shuffle
 * runs on the executors, then the driver's view of the security settings. Uses only Spark's built-in SQL, so no
 * class of this project is needed on the executors.
 */
public final class SecureProbeApp {

    private SecureProbeApp() {
    }

    /** Prints {@code groups G rows N}, the effective security settings and Spark's (redacted) configuration. */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("SecureProbeApp").getOrCreate();
        try {
            List<Row> counts = spark.range(0, 10_000, 1, 4).groupBy(functions.col("id").mod(10)).count()
                    .collectAsList();
            long rows = 0;
            for (Row r : counts) {
                rows += r.getLong(1);
            }
            System.out.println("groups " + counts.size() + " rows " + rows);
            SparkConf conf = spark.sparkContext().getConf();
            for (String key : List.of("spark.authenticate", "spark.network.crypto.enabled",
                    "spark.io.encryption.enabled")) {
                System.out.println(key + " " + conf.get(key, "unset"));
            }
            // Spark's own dump of the configuration (what spark.logConf would log): redacts the secret
            System.out.println(conf.toDebugString());
        } finally {
            spark.stop();
        }
    }
}
