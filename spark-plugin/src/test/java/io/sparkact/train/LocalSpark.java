package io.sparkact.train;

import java.io.File;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local[2] Spark context per test class, loopback only; Aeron directories it creates are removed. */
final class LocalSpark {

    private final Set<String> aeronBefore = aeronDirs();
    final JavaSparkContext sc;

    LocalSpark(String app) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName(app)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        sc = new JavaSparkContext(io.sparkact.train.SparkSetup.configure(conf));
    }

    void stop() {
        sc.stop();
        for (String d : aeronDirs()) {
            if (!aeronBefore.contains(d)) {
                deleteRecursively(new File("/dev/shm", d));
            }
        }
    }

    static Set<String> aeronDirs() {
        Set<String> out = new HashSet<>();
        String[] names = new File("/dev/shm").list();
        if (names != null) {
            for (String n : names) {
                if (n.startsWith("aeron")) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        f.delete();
    }
}
