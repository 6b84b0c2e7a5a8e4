package io.sparkact.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH entry: the time of one pass of kernel {@link #kernel} (a name {@link Kernels#create} knows) over
 * {@link #elements} floats. Run by {@link KernelSection}, which sets both parameters, the iterations and one
 * fork per (kernel, pass): a fresh JVM per kernel keeps the shared element loop of the catalogue's activations
 * monomorphic, as it is in a training JVM that uses one activation.
 *
 * <p>Sample mode: every pass is timed, and {@link KernelSection} reports the median pass, which a busy machine
 * disturbs far less than the mean. The inputs are restored before every invocation ({@code Level.Invocation}, acceptable here because one
 * pass over 4M floats takes milliseconds); the restore is not part of the measured time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmark {

    /** Kernel name, e.g. "copy", "nd4j-relu", "hswish", "dice". */
    @Param("copy")
    public String kernel;

    /** Floats per pass. */
    @Param("4194304")
    public int elements;

    private Kernel k;

    @Setup(Level.Trial)
    public void create() {
        k = Kernels.create(kernel, elements);
    }

    @Setup(Level.Invocation)
    public void restore() {
        k.reset();
    }

    @Benchmark
    public void forward() {
        k.forward();
    }

    @Benchmark
    public void forwardBackward() {
        k.forwardBackward();
    }
}
