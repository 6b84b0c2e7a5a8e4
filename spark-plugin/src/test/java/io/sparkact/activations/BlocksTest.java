package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The parallel block loop behind PointwiseActivation: every element once, and the same values as one thread. */
class BlocksTest {

    /** Not a multiple of the chunk or of the thread count, and above the parallel threshold. */
    private static final int N = (int) Blocks.PARALLEL_MIN * 3 + 12_345;

    @Test
    void everyElementIsVisitedExactlyOnce() {
        AtomicIntegerArray seen = new AtomicIntegerArray(N);
        Blocks.run(N, (from, to) -> {
            for (long i = from; i < to; i++) {
                seen.incrementAndGet((int) i);
            }
        });
        for (int i = 0; i < N; i++) {
            assertEquals(1, seen.get(i), "element " + i);
        }
    }

    @Test
    void smallArraysStayOnOneThreadAndLimitsFollowNd4j() {
        assertEquals(1, Blocks.threads(Blocks.PARALLEL_MIN - 1));
        int saved = Nd4j.getEnvironment().maxMasterThreads();
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            assertEquals(1, Blocks.threads(N)); // a sweep trial's one ND4J thread is one thread here too
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(saved);
        }
    }

    @Test
    void anExceptionInABlockReachesTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Blocks.run(N, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("block at " + from);
            }
        }));
        assertEquals("block at", e.getMessage().substring(0, 8));
    }

    /**
     * Forward and backward of a large array in parallel blocks are bit for bit what one thread computes (each
     * element's arithmetic does not depend on its block), in float and double.
     */
    @Test
    void parallelEqualsSerial() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (PointwiseActivation act : new PointwiseActivation[] {new HardSwishActivation(), new SigmoidActivation()}) {
                INDArray x = Nd4j.linspace(-9, 9, N, DataType.DOUBLE).castTo(type);
                INDArray eps = Nd4j.linspace(-1, 2, N, DataType.DOUBLE).castTo(type);
                INDArray[] parallel = passes(act, x, eps);
                int saved = Nd4j.getEnvironment().maxMasterThreads();
                INDArray[] serial;
                try {
                    Nd4j.getEnvironment().setMaxMasterThreads(1);
                    serial = passes(act, x, eps);
                } finally {
                    Nd4j.getEnvironment().setMaxMasterThreads(saved);
                }
                assertArrayEquals(serial[0].toDoubleVector(), parallel[0].toDoubleVector(), 0.0, act + " " + type + " f");
                assertArrayEquals(serial[1].toDoubleVector(), parallel[1].toDoubleVector(), 0.0, act + " " + type + " f'");
            }
        }
    }

    private static INDArray[] passes(PointwiseActivation act, INDArray x, INDArray eps) {
        return new INDArray[] {act.getActivation(x.dup(), true), act.backprop(x.dup(), eps.dup()).getFirst()};
    }
}
