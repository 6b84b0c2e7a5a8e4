package io.sparkact.activations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits n elements into contiguous blocks, one per thread, and processes them in parallel: the calling
 * thread takes the first block, a shared pool the others. The thread count follows ND4J's own setting
 * ({@code Nd4j.getEnvironment().maxMasterThreads()}, the threads ND4J's parallel loops use, capped by the cores),
 * so whatever limits ND4J's ops (a sweep trial sets one thread) limits these loops too. ({@code maxThreads()}
 * would not do: in 1.0.0-M2 {@code setMaxThreads} is ignored by the native side, measured.) Arrays below {@link #PARALLEL_MIN} elements stay on the
 * calling thread: handing a block to another thread costs microseconds, a small layer's whole pass less.
 *
 * <p>Public for the per-unit layer loops (layers.runtime.DiceLoops), which split rows the same way.
 */
public final class Blocks {

    /** Smallest array split across threads (~256 KB of floats: a few hundred microseconds of work). */
    static final long PARALLEL_MIN = 1 << 16;

    /** Block boundaries are multiples of this, so that each block's chunked copies stay aligned. */
    private static final long ALIGN = PointwiseActivation.CHUNK;

    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    /** Work on the half-open element range [from, to). */
    @FunctionalInterface
    public interface Block {
        void run(long from, long to);
    }

    private Blocks() {
    }

    /** Runs {@code block} over [0, n), in parallel blocks when n is large; returns when all are done. */
    public static void run(long n, Block block) {
        int threads = threads(n);
        if (threads <= 1) {
            block.run(0, n);
            return;
        }
        long per = ((n + threads - 1) / threads + ALIGN - 1) / ALIGN * ALIGN;
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (long from = per; from < n; from += per) {
            long f = from;
            long t = Math.min(n, from + per);
            others.add(CompletableFuture.runAsync(() -> block.run(f, t), POOL));
        }
        try {
            block.run(0, Math.min(n, per));
        } finally {
            // wait for the other blocks even when this one threw: they work on the caller's native buffers, which
            // may be freed once the caller returns
            try {
                CompletableFuture.allOf(others.toArray(new CompletableFuture[0])).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }

    /** Threads for n elements: 1 below the threshold, else ND4J's master threads capped by the cores. */
    static int threads(long n) {
        if (n < PARALLEL_MIN) {
            return 1;
        }
        int nd4j = Nd4j.getEnvironment().maxMasterThreads();
        return Math.max(1, Math.min(nd4j, Runtime.getRuntime().availableProcessors()));
    }
}
