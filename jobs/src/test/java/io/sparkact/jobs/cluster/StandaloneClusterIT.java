package io.sparkact.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real standalone cluster (master + 2 workers, 1 core and 1g each, separate JVMs on 127.0.0.1): the shaded
 * application jar runs on it through SparkSubmit, a client session from this JVM spreads tasks over both
 * executors, and closing it leaves no JVM, work directory or Aeron file behind. Runs after {@code package}
 * (needs jobs/target/sparkact-jobs.jar and jobs/target/spark-jars).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    static final Path STATE = StandaloneCluster.ROOT.resolve("jobs/target/it-clusters/standalone-cluster-it");
    static final Path APP_JAR = StandaloneCluster.ROOT.resolve("jobs/target/sparkact-jobs.jar");

    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        AeronFiles.deleteTree(STATE);
        cluster = StandaloneCluster.start(STATE, 2, 1, "1g", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void clusterHasTwoAliveWorkersOnLoopback() throws Exception {
        assertTrue(cluster.masterUrl().matches("spark://127\\.0\\.0\\.1:\\d+"), cluster.masterUrl());
        assertEquals(2, cluster.aliveWorkers());
        assertEquals(3, cluster.daemons().size(), "master + 2 workers recorded");
        assertTrue(cluster.daemons().stream().allMatch(ProcessHandle::isAlive));
    }

    @Test
    @Order(2)
    void applicationJarRunsThroughSparkSubmit() throws Exception {
        StandaloneCluster.Submission s = cluster.submit(List.of("spark.ui.enabled=false"), APP_JAR.toString(),
                "io.sparkact.jobs.cli.Main", List.of("activations", "table", "--name", "relu", "--x", "-1,0,1"),
                Duration.ofMinutes(3));
        assertEquals(0, s.exitCode(), s.toString());
        // by hand: relu(x) = max(0, x), f'(x) = 1 for x > 0 else 0 (f'(0) = 0, ReluActivation's documented kink)
        assertEquals("x,f,df\n-1.0,0.0,0.0\n0.0,0.0,0.0\n1.0,1.0,1.0\n", s.stdout());
    }

    @Test
    @Order(3)
    void clientSessionRunsTasksOnBothExecutors() throws Exception {
        Set<String> executors = ConcurrentHashMap.newKeySet();
        AtomicInteger tasks = new AtomicInteger();
        SparkSession spark = SparkSession.builder().appName("StandaloneClusterIT").master(cluster.masterUrl())
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                // wait for both executors before the first job, else one of them may run every task alone
                .config("spark.cores.max", "2").config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
                .getOrCreate();
        try {
            // getOrCreate would hand back a session another test class left open
            assertEquals(cluster.masterUrl(), spark.sparkContext().master());
            // the listener runs on the driver (this JVM); executors only run built-in SQL, not test classes
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    executors.add(end.taskInfo().executorId());
                    tasks.incrementAndGet();
                }
            });
            Row row = spark.range(0, 100000, 1, 8).selectExpr("sum(id)").first();
            // Gauss: 0 + 1 + ... + 99999 = 99999 * 100000 / 2
            assertEquals(4_999_950_000L, row.getLong(0));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tasks.get() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(100);  // listener events arrive asynchronously after the job
            }
            assertTrue(tasks.get() >= 8, "task-end events: " + tasks.get());
            assertEquals(2, executors.size(), "executors that ran tasks: " + executors);
        } finally {
            spark.stop();
        }
    }

    @Test
    @Order(4)
    void closeLeavesNothingBehind() throws Exception {
        List<ProcessHandle> daemons = cluster.daemons();
        Path work = cluster.workDir();
        assertTrue(Files.isDirectory(work.resolve("worker-1")), "work dirs exist while running");
        Set<Path> aeronBefore = AeronFiles.list();
        cluster.close();
        assertTrue(daemons.stream().noneMatch(ProcessHandle::isAlive), "daemons still alive: " + daemons);
        assertEquals(List.of(), cluster.liveProcesses(), "JVMs of the cluster still alive");
        List<String> javaChildren = ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).collect(Collectors.toList());
        assertEquals(List.of(), javaChildren, "child JVMs left");
        assertFalse(Files.exists(work), work + " still exists");
        assertTrue(aeronBefore.containsAll(AeronFiles.list()), "new /dev/shm/aeron-* entries after close");
    }
}
