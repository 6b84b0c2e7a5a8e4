package io.sparkact.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** Executor cores, ND4J threads, the native-backend check, settings and metric names — without a SparkContext. */
class PluginSetupTest {

    private static SparkConf conf(String... kv) {
        SparkConf c = new SparkConf(false);
        for (int i = 0; i < kv.length; i += 2) {
            c.set(kv[i], kv[i + 1]);
        }
        return c;
    }

    @Test
    void executorCoresFollowTheConfigurationThenTheMaster() {
        assertEquals(3, Nd4jThreads.executorCores(conf("spark.executor.cores", "3", "spark.master", "local[2]"), 16));
        assertEquals(1, Nd4jThreads.executorCores(conf("spark.master", "local"), 16));
        assertEquals(2, Nd4jThreads.executorCores(conf("spark.master", "local[2]"), 16));
        assertEquals(4, Nd4jThreads.executorCores(conf("spark.master", "local[4,3]"), 16)); // N slots, 3 failures
        assertEquals(16, Nd4jThreads.executorCores(conf("spark.master", "local[*]"), 16));
        assertEquals(1, Nd4jThreads.executorCores(conf("spark.master", "local-cluster[2,1,1024]"), 16));
        assertEquals(16, Nd4jThreads.executorCores(conf("spark.master", "spark://127.0.0.1:7077"), 16));
    }

    @Test
    void badExecutorCoresNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nd4jThreads.executorCores(conf("spark.executor.cores", "0"), 4));
        assertEquals("spark.executor.cores given invalid value 0; allowed: an integer >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Nd4jThreads.executorCores(conf("spark.executor.cores", "two"), 4));
        assertEquals("spark.executor.cores given invalid value two; allowed: an integer >= 1", e.getMessage());
    }

    @Test
    void nd4jThreadsReadBackAsSet() {
        Nd4jThreads.Applied before = Nd4jThreads.current();
        try {
            Nd4jThreads.Applied a = Nd4jThreads.apply(1);
            // the pool keeps its start-up size (setMaxThreads is a stub in M2); ops and BLAS now use one thread
            assertEquals(new Nd4jThreads.Applied(1, before.poolThreads(), 1, 1), a);
            assertTrue(a.tookEffect());
            // more than the pool: libnd4j clamps the master threads to it, which still counts as taking effect
            Nd4jThreads.Applied big = Nd4jThreads.apply(before.poolThreads() + 3);
            assertEquals(before.poolThreads(), big.masterThreads());
            assertTrue(big.tookEffect());
        } finally {
            Nd4jThreads.apply(before.masterThreads()); // other tests in this JVM keep their parallelism
            Nd4j.factory().blas().setMaxThreads(before.blasThreads());
        }
    }

    @Test
    void aNativeLoadFailureSaysWhatIsRequired() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeBackend.require(() -> {
            throw new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j") {
                {
                    initCause(cause);
                }
            };
        }));
        assertSame(NoClassDefFoundError.class, e.getCause().getClass().getSuperclass());
        String expected = "SparkActPlugin: ND4J's native CPU backend could not be loaded on this executor (os.name="
                + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ", platform classifier "
                + NativeBackend.classifier(System.getProperty("os.name"), System.getProperty("os.arch"))
                + "): java.lang.UnsatisfiedLinkError: no jnind4jcpu in java.library.path. Required:"
                + " org.nd4j:nd4j-native:1.0.0-M2 with classifier linux-x86_64 (it brings libnd4jcpu and OpenBLAS) on the"
                + " executor class path, as in sparkact-jobs.jar; SparkAct supports linux-x86_64 executors only";
        assertEquals(expected, e.getMessage());
        assertEquals("SparkActPlugin: ND4J's native CPU backend could not be loaded on this executor (os.name=Mac OS X,"
                + " os.arch=aarch64, platform classifier macosx-arm64): java.lang.IllegalStateException: boom. Required:"
                + " org.nd4j:nd4j-native:1.0.0-M2 with classifier linux-x86_64 (it brings libnd4jcpu and OpenBLAS) on the"
                + " executor class path, as in sparkact-jobs.jar; SparkAct supports linux-x86_64 executors only",
                NativeBackend.message("Mac OS X", "aarch64", new IllegalStateException("boom")));
    }

    @Test
    void platformClassifiers() {
        assertEquals("linux-x86_64", NativeBackend.classifier("Linux", "amd64"));
        assertEquals("linux-arm64", NativeBackend.classifier("Linux", "aarch64"));
        assertEquals("windows-x86_64", NativeBackend.classifier("Windows 11", "amd64"));
        assertEquals("linux-ppc64le", NativeBackend.classifier("Linux", "ppc64le"));
    }

    @Test
    void theRealBackendLoadsHere() {
        NativeBackend.require(NativeBackend::loadNd4j); // linux-x86_64 test JVM: must not throw
    }

    @Test
    void reportInterval() {
        assertEquals(2000, PluginSettings.reportIntervalMs(conf()));
        assertEquals(250, PluginSettings.reportIntervalMs(conf(PluginSettings.REPORT_INTERVAL_KEY, "250")));
        for (String bad : new String[] {"99", "600001", "1s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PluginSettings.reportIntervalMs(conf(PluginSettings.REPORT_INTERVAL_KEY, bad)));
            assertEquals("spark.sparkact.plugin.reportIntervalMs given invalid value " + bad
                    + "; allowed: an integer number of milliseconds from 100 to 600000", e.getMessage());
        }
    }

    @Test
    void driverGaugesHaveTheStableNamesAndReadTheView() {
        DriverSide driver = new DriverSide();
        MetricRegistry registry = new MetricRegistry();
        MetricNames.register(registry, driver.view());
        driver.receive(Reports.counts("1", 1, 256, 2, 0.6, 10));
        driver.receive(Reports.counts("2", 1, 128, 1, 0.7, 20));
        Set<String> expected = new TreeSet<>(Set.of("training.examples", "training.minibatches", "training.lastScore",
                "nd4j.threads"));
        for (int i = 0; i < 8; i++) {
            expected.add("health.layer" + i + ".deadFraction");
        }
        assertEquals(expected, new TreeSet<>(registry.getNames()));
        assertEquals(384L, registry.getGauges().get("training.examples").getValue());
        assertEquals(3L, registry.getGauges().get("training.minibatches").getValue());
        assertEquals(0.7, (Double) registry.getGauges().get("training.lastScore").getValue(), 0.0);
        Gauge<?> dead = registry.getGauges().get("health.layer0.deadFraction");
        assertTrue(Double.isNaN((Double) dead.getValue()));
    }

    @Test
    void theDriverRejectsForeignMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DriverSide().receive("hi"));
        assertEquals("SparkActPlugin driver expects an ExecutorReport, got java.lang.String", e.getMessage());
    }
}
