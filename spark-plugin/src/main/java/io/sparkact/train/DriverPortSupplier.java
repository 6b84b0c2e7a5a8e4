package io.sparkact.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * Aeron ports for gradient sharing: the driver listens on a fixed port (executors must know it), each
 * executor JVM on a free UDP port of its own, picked once per JVM.
 *
 * <p>Why not {@code StaticPortSupplier}: in 1.0.0-M2 its constructor ignores the argument (always 49876),
 * and several executors on one host sharing one fixed port fail silently — training then never leaves
 * AUC 0.5 (STACK.md, "Training masters on Spark").
 */
final class DriverPortSupplier implements PortSupplier {

    private static final long serialVersionUID = 1L;
    private static volatile int executorPort;

    private final int driverPort;

    DriverPortSupplier(int driverPort) {
        this.driverPort = driverPort;
    }

    @Override
    public int getPort() {
        SparkEnv env = SparkEnv.get();
        // local mode: driver and executors are one JVM whose executor id is "driver"; one server suffices
        if (env == null || SparkContextIds.DRIVER.equals(env.executorId())) {
            return driverPort;
        }
        if (executorPort == 0) {
            synchronized (DriverPortSupplier.class) {
                if (executorPort == 0) {
                    executorPort = freeUdpPort();
                }
            }
        }
        return executorPort;
    }

    /** A UDP port free on the loopback interface now (Aeron binds it a moment later). */
    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free UDP port for gradient sharing", e);
        }
    }

    /** Spark's executor id of the driver. */
    static final class SparkContextIds {
        static final String DRIVER = "driver";

        private SparkContextIds() {
        }
    }
}
