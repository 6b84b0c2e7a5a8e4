package io.sparkact.train;

import io.sparkact.train.serial.BulkArraySerializer;
import io.sparkact.train.serial.SparkActKryoRegistrator;
import org.apache.spark.SparkConf;

/**
 * Spark settings that training needs and that must be in place before the SparkContext exists
 * (STACK.md): the Aeron liveness fix for gradient sharing on driver and executors, and Kryo serialisation
 * with SparkAct's registrator (ND4J's classes, arrays copied in bulk) unless the user chose a serializer.
 */
public final class SparkSetup {

    /** Aeron 1.32 rejects ND4J's 30 s client liveness timeout unless the unblock timeout is above it. */
    public static final String AERON_UNBLOCK_PROPERTY = "aeron.publication.unblock.timeout";
    public static final String AERON_UNBLOCK_NANOS = "60000000000";
    /**
     * Aeron 1.32's media driver deletes its {@code /dev/shm/aeron-*} directory (~32 MB) on close only when this is
     * true (its default is false); ND4J's AeronUdpTransport closes the driver from a JVM shutdown hook, so with it
     * every gradient-sharing JVM, driver and executors, cleans up after itself instead of leaving one per run.
     */
    public static final String AERON_DELETE_PROPERTY = "aeron.dir.delete.on.shutdown";
    public static final String KRYO_REGISTRATOR = "org.nd4j.kryo.Nd4jRegistrator";
    /** Registers ND4J's classes and then {@link BulkArraySerializer} for arrays. */
    public static final String SPARKACT_REGISTRATOR = SparkActKryoRegistrator.class.getName();
    static final String SERIALIZER = "spark.serializer";
    static final String KRYO = "org.apache.spark.serializer.KryoSerializer";
    static final String REGISTRATOR_KEY = "spark.kryo.registrator";
    static final String KRYO_BUFFER_MAX = "spark.kryoserializer.buffer.max";

    private SparkSetup() {
    }

    /** Adds what training needs to {@code conf} (idempotent) and sets the driver's Aeron property. */
    public static SparkConf configure(SparkConf conf) {
        applyDriverProperties();
        String opts = conf.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains(AERON_UNBLOCK_PROPERTY)) {
            opts = (opts + " -D" + AERON_UNBLOCK_PROPERTY + "=" + AERON_UNBLOCK_NANOS).trim();
        }
        if (!opts.contains(AERON_DELETE_PROPERTY)) {
            opts = (opts + " -D" + AERON_DELETE_PROPERTY + "=true").trim();
        }
        conf.set("spark.executor.extraJavaOptions", opts);
        if (!conf.contains(SERIALIZER)) {
            // Kryo with BulkArraySerializer: parameter averaging sends the parameters and Adam moments to the
            // workers and back every split, and Java serialisation writes each array element by element
            conf.set(SERIALIZER, KRYO);
        }
        if (conf.get(SERIALIZER, "").contains("Kryo")) {
            String regs = conf.get(REGISTRATOR_KEY, "");
            if (!regs.contains(SPARKACT_REGISTRATOR)) {
                // after any ND4J registrator the user listed: the last registration of a class wins
                conf.set(REGISTRATOR_KEY, regs.isEmpty() ? SPARKACT_REGISTRATOR : regs + "," + SPARKACT_REGISTRATOR);
            }
            if (!conf.contains(KRYO_BUFFER_MAX)) {
                // a task result under averaging is 3x the model; Kryo's default cap (64m) would fail a model
                // of ~5M parameters, where Java serialisation has no cap of its own
                conf.set(KRYO_BUFFER_MAX, "1024m");
            }
        }
        return conf;
    }

    /** Sets the Aeron properties in this (driver) JVM unless the user chose values. */
    public static void applyDriverProperties() {
        if (System.getProperty(AERON_UNBLOCK_PROPERTY) == null) {
            System.setProperty(AERON_UNBLOCK_PROPERTY, AERON_UNBLOCK_NANOS);
        }
        if (System.getProperty(AERON_DELETE_PROPERTY) == null) {
            System.setProperty(AERON_DELETE_PROPERTY, "true");
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

    /** Kryo without ND4J's (or SparkAct's, which includes it) registrator cannot serialise INDArrays correctly. */
    public static void checkKryo(SparkConf conf) {
        String regs = conf.get(REGISTRATOR_KEY, "");
        if (conf.get(SERIALIZER, "").contains("Kryo") && !regs.contains(KRYO_REGISTRATOR)
                && !regs.contains(SPARKACT_REGISTRATOR)) {
            throw new IllegalStateException("spark.serializer is Kryo but spark.kryo.registrator (\"" + regs
                    + "\") includes neither " + SPARKACT_REGISTRATOR + " nor " + KRYO_REGISTRATOR + "; add --conf "
                    + "spark.kryo.registrator=" + SPARKACT_REGISTRATOR);
        }
    }
}
