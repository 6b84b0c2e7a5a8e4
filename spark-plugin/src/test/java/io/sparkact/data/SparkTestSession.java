package io.sparkact.data;

import org.apache.spark.sql.SparkSession;

/** The local session for this package's Spark tests (loopback only, no UI, few shuffle partitions). */
final class SparkTestSession {

    private SparkTestSession() { }

    static SparkSession start(String name) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
