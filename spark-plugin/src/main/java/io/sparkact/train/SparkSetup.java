package io.sparkact.train;

import org.apache.spark.SparkConf;

/**
 * Spark settings that training needs and that must be in place before the SparkContext exists
 * (STACK.md): the Aeron liveness fix for gradient sharing on driver and executors, and ND4J's Kryo
 * registrator when Kryo serialisation is on.
 */
public final class SparkSetup {

    /** Aeron 1.32 rejects ND4J's 30 s client liveness timeout unless the unblock timeout is above it. */
    public static final String AERON_UNBLOCK_PROPERTY = "aeron.publication.unblock.timeout";
    public static final String AERON_UNBLOCK_NANOS = "60000000000";
    public static final String KRYO_REGISTRATOR = "org.nd4j.kryo.Nd4jRegistrator";

    private SparkSetup() {
    }

    /** Adds what training needs to {@code conf} (idempotent) and sets the driver's Aeron property. */
    public static SparkConf configure(SparkConf conf) {
        applyDriverProperties();
        String flag = "-D" + AERON_UNBLOCK_PROPERTY + "=" + AERON_UNBLOCK_NANOS;
        String opts = conf.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains(AERON_UNBLOCK_PROPERTY)) {
            conf.set("spark.executor.extraJavaOptions", (opts + " " + flag).trim());
        }
        if (conf.get("spark.serializer", "").contains("Kryo")) {
            String regs = conf.get("spark.kryo.registrator", "");
            if (!regs.contains(KRYO_REGISTRATOR)) {
                conf.set("spark.kryo.registrator", regs.isEmpty() ? KRYO_REGISTRATOR : regs + "," + KRYO_REGISTRATOR);
            }
        }
        return conf;
    }

    /** Sets the Aeron property in this (driver) JVM unless the user chose a value. */
    public static void applyDriverProperties() {
        if (System.getProperty(AERON_UNBLOCK_PROPERTY) == null) {
            System.setProperty(AERON_UNBLOCK_PROPERTY, AERON_UNBLOCK_NANOS);
        }
    }

    /**
     * Fails with the fix when a running context cannot do gradient sharing: executors in other JVMs
     * without the Aeron property, or Kryo without ND4J's registrator.
     */
    public static void checkForSharing(SparkConf conf) {
        boolean local = conf.get("spark.master", "local").startsWith("local");
        if (!local && !conf.get("spark.executor.extraJavaOptions", "").contains(AERON_UNBLOCK_PROPERTY)) {
            throw new IllegalStateException("training.master=sharing needs --conf spark.executor.extraJavaOptions=-D"
                    + AERON_UNBLOCK_PROPERTY + "=" + AERON_UNBLOCK_NANOS
                    + " (Aeron rejects ND4J's liveness timeout otherwise); use SparkSetup.configure before the session starts");
        }
        checkKryo(conf);
    }

    /** Kryo without ND4J's registrator cannot serialise INDArrays correctly. */
    public static void checkKryo(SparkConf conf) {
        if (conf.get("spark.serializer", "").contains("Kryo")
                && !conf.get("spark.kryo.registrator", "").contains(KRYO_REGISTRATOR)) {
            throw new IllegalStateException("spark.serializer is Kryo but spark.kryo.registrator does not include "
                    + KRYO_REGISTRATOR + "; add --conf spark.kryo.registrator=" + KRYO_REGISTRATOR);
        }
    }
}
