package io.sparkact.plugin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Caps ND4J's threads at the executor's cores. By default libnd4j and OpenBLAS size their pools to the machine,
 * so several executors (or local-cluster workers) on one host each use every core: oversubscription. OMP_NUM_THREADS
 * is read once when the native library starts, so the plugin uses the runtime setters of nd4j-api 1.0.0-M2:
 * <ul>
 *   <li>{@link Environment#setMaxMasterThreads}: the number of threads libnd4j's parallel loops split an op over
 *       (its {@code Threads::parallel_for} and friends default to {@code maxMasterThreads()}); clamped by libnd4j to
 *       the pool size;
 *   <li>{@code Nd4j.factory().blas().setMaxThreads}: OpenBLAS's {@code blas_set_num_threads}, for gemm.
 * </ul>
 * {@link Environment#setMaxThreads} is not called: in 1.0.0-M2 libnd4j's implementation is an empty stub (the pool is
 * sized at start), which the read-back showed — {@code maxThreads()} stays at the machine's value. Both settings
 * that do work are read back ({@link Applied}).
 */
public final class Nd4jThreads {

    private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\d+|\\*)(?:,\\d+)?]");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

    /**
     * What was asked for and what ND4J reports afterwards.
     *
     * @param requested     the executor's cores
     * @param poolThreads   libnd4j's pool size ({@code maxThreads()}), fixed at native start
     * @param masterThreads threads an op is split over ({@code maxMasterThreads()}), the effective cap
     * @param blasThreads   OpenBLAS's thread count
     */
    public record Applied(int requested, int poolThreads, int masterThreads, int blasThreads) {

        /** Whether both settings read back as requested (the master threads at most the pool size). */
        public boolean tookEffect() {
            return masterThreads == Math.min(requested, poolThreads) && blasThreads == requested;
        }
    }

    private Nd4jThreads() {
    }

    /**
     * The cores this executor may use: {@code spark.executor.cores} when set; in local mode the task slots of
     * {@code local[N]} ({@code local[*]}: the machine's processors, {@code local}: 1); {@code local-cluster[n,c,m]}: c.
     * Otherwise (standalone or YARN without {@code spark.executor.cores}) the executor's share is not in its
     * configuration, and the machine's processors are used — set {@code spark.executor.cores} to be exact.
     */
    public static int executorCores(SparkConf conf, int processors) {
        if (conf.contains("spark.executor.cores")) {
            String v = conf.get("spark.executor.cores").trim();
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("spark.executor.cores given invalid value " + v
                    + "; allowed: an integer >= 1");
        }
        String master = conf.get("spark.master", "").trim();
        if (master.equals("local")) {
            return 1;
        }
        Matcher local = LOCAL_N.matcher(master);
        if (local.matches()) {
            return local.group(1).equals("*") ? processors : Math.max(1, Integer.parseInt(local.group(1)));
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) {
            return Math.max(1, Integer.parseInt(cluster.group(1)));
        }
        return processors;
    }

    /** Sets ND4J's master (op) threads and BLAS threads to {@code threads} and reads them back. */
    public static Applied apply(int threads) {
        Environment env = Nd4j.getEnvironment();
        env.setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        return new Applied(threads, env.maxThreads(), env.maxMasterThreads(), Nd4j.factory().blas().getMaxThreads());
    }

    /** The current settings, without changing them. */
    public static Applied current() {
        Environment env = Nd4j.getEnvironment();
        return new Applied(env.maxMasterThreads(), env.maxThreads(), env.maxMasterThreads(),
                Nd4j.factory().blas().getMaxThreads());
    }
}
