package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSetupTest {

    @Test
    void withoutASerializerChoiceTrainingGetsKryoWithSparkActsRegistrator() {
        SparkConf conf = SparkSetup.configure(new SparkConf(false));
        assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"));
        assertEquals(SparkSetup.SPARKACT_REGISTRATOR, conf.get("spark.kryo.registrator"));
        assertEquals("1024m", conf.get("spark.kryoserializer.buffer.max"));
        assertTrue(conf.get("spark.executor.extraJavaOptions").contains(SparkSetup.AERON_UNBLOCK_PROPERTY));
        assertDoesNotThrow(() -> SparkSetup.checkKryo(conf));
    }

    /**
     * Both Aeron properties reach the executors (an executor's media driver deletes its /dev/shm directory on
     * shutdown only with the second), a user's own options and values are kept, and the driver JVM gets them too.
     */
    @Test
    void executorsAndTheDriverGetBothAeronPropertiesAndAUsersValuesWin() {
        String opts = SparkSetup.configure(new SparkConf(false).set("spark.executor.extraJavaOptions", "-Xss4m"))
                .get("spark.executor.extraJavaOptions");
        assertEquals("-Xss4m -D" + SparkSetup.AERON_UNBLOCK_PROPERTY + "=" + SparkSetup.AERON_UNBLOCK_NANOS + " -D"
                + SparkSetup.AERON_DELETE_PROPERTY + "=true", opts);
        String mine = "-D" + SparkSetup.AERON_DELETE_PROPERTY + "=false";
        String kept = SparkSetup.configure(new SparkConf(false).set("spark.executor.extraJavaOptions", mine))
                .get("spark.executor.extraJavaOptions");
        assertTrue(kept.startsWith(mine) && !kept.contains(SparkSetup.AERON_DELETE_PROPERTY + "=true"), kept);
        assertEquals(kept, SparkSetup.configure(new SparkConf(false).set("spark.executor.extraJavaOptions", kept))
                .get("spark.executor.extraJavaOptions"), "idempotent");
        SparkSetup.applyDriverProperties();
        assertEquals(SparkSetup.AERON_UNBLOCK_NANOS, System.getProperty(SparkSetup.AERON_UNBLOCK_PROPERTY));
        assertTrue(System.getProperty(SparkSetup.AERON_DELETE_PROPERTY) != null);
    }

    @Test
    void aUsersJavaSerializerIsKept() {
        SparkConf conf = SparkSetup.configure(new SparkConf(false)
                .set("spark.serializer", "org.apache.spark.serializer.JavaSerializer"));
        assertEquals("org.apache.spark.serializer.JavaSerializer", conf.get("spark.serializer"));
        assertFalse(conf.contains("spark.kryo.registrator"));
        assertFalse(conf.contains("spark.kryoserializer.buffer.max"));
    }

    @Test
    void aUsersKryoSettingsAreKeptAndSparkActsRegistratorGoesLast() {
        SparkConf conf = SparkSetup.configure(new SparkConf(false)
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "com.example.Mine," + SparkSetup.KRYO_REGISTRATOR)
                .set("spark.kryoserializer.buffer.max", "256m"));
        assertEquals("com.example.Mine," + SparkSetup.KRYO_REGISTRATOR + "," + SparkSetup.SPARKACT_REGISTRATOR,
                conf.get("spark.kryo.registrator"));
        assertEquals("256m", conf.get("spark.kryoserializer.buffer.max"));
        SparkSetup.configure(conf);   // idempotent
        assertEquals("com.example.Mine," + SparkSetup.KRYO_REGISTRATOR + "," + SparkSetup.SPARKACT_REGISTRATOR,
                conf.get("spark.kryo.registrator"));
    }

    @Test
    void kryoWithoutAnArrayRegistratorIsRefusedWithTheFix() {
        SparkConf conf = new SparkConf(false).set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "com.example.Mine");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkSetup.checkKryo(conf));
        assertTrue(e.getMessage().contains("com.example.Mine"), e.getMessage());
        assertTrue(e.getMessage().contains("--conf spark.kryo.registrator=" + SparkSetup.SPARKACT_REGISTRATOR),
                e.getMessage());
        assertDoesNotThrow(() -> SparkSetup.checkKryo(new SparkConf(false)
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", SparkSetup.KRYO_REGISTRATOR)));
    }
}
