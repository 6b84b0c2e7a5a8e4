package io.sparkact.jobs.cli;

import io.sparkact.train.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The SparkSession of a job: whatever spark-submit configured, with local[*] when nothing chose a master. */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession get(String appName) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            // Run directly (IDE, in-process tests) rather than through spark-submit: an embedded Spark.
            conf.setMaster("local[*]").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        // Settings training needs before the context exists (Aeron fix for sharing, ND4J's Kryo registrator).
        SparkSetup.configure(conf);
        return SparkSession.builder().config(conf).appName("sparkact " + appName).getOrCreate();
    }
}
