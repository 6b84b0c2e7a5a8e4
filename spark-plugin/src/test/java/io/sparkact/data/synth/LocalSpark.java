package io.sparkact.data.synth;

import org.apache.spark.sql.SparkSession;

/** The local[2] session the Spark tests of this package share, bound to loopback, without UI. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
