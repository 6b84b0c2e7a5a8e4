package io.sparkact.activations;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation given by a scalar function f(x) and its derivative f′(x), applied element by element.
 *
 * <p>This is the one shared mechanism behind most activations of this package, so that each of them is a
 * few lines of arithmetic instead of its own loop. Speed: the values are moved between the array's native
 * buffer and a small Java array in chunks ({@link #CHUNK} elements, one bulk copy each way per chunk)
 * instead of one JNI call per element ({@code getDouble(i)} would be ~100× slower), and the loop is a
 * single pass in the array's own precision (float arrays use {@link #f(float)}, see there).
 *
 * <p>Correctness for any input: the bulk path is taken only when the array (and, in backprop, epsilon)
 * is dense in the same memory order, so that buffer position k is the same element in both. Anything
 * else — a column slice, a transposed view, epsilon in the other order — is first copied to a dense
 * array, processed there and assigned back, which is slower but never depends on how the caller made the
 * array. Other data types (half, bfloat16) go through a double copy the same way.
 *
 * <p>Large arrays are split into contiguous blocks processed by up to ND4J's {@code maxMasterThreads} threads at
 * once ({@link Blocks}), as ND4J's own transform ops are: the transcendental activations (sigmoid, tanh, swish,
 * elu, …) are bound by {@code Math.exp} throughput, not memory, and a single thread left the other cores idle
 * while ND4J's relu used them all (measured by the bench module's kernel benchmarks, BENCHMARKS.md). A sweep
 * trial that limits ND4J to one thread gets one thread here too.
 *
 * <p>Native memory: a buffer's address ({@code data().addressPointer()}) does not keep the array alive, and ND4J
 * frees an array's memory once the garbage collector finds the array unreachable, which compiled code decides
 * by last use, not by scope. Whoever reads or writes through an address must therefore keep the array reachable
 * until the last access ({@link java.lang.ref.Reference#reachabilityFence}): {@link #applyForward} and
 * {@link #applyBackward} do it for {@code in} and {@code epsilon}, subclasses for the temporaries they make.
 * Without it a caller that drops epsilon after the call had its gradient computed from freed memory under GC
 * pressure (NativeLifetimeTest), and a JVM running the tests once aborted inside these loops.
 */
public abstract class PointwiseActivation extends NamedActivation {

    private static final long serialVersionUID = 1L;

    /** Elements per bulk copy: large enough to amortise the JNI call, small enough to stay in L1/L2. */
    static final int CHUNK = 4096;

    /** f(x). */
    protected abstract double f(double x);

    /** f′(x), with the package's kink convention (see package documentation). */
    protected abstract double df(double x);

    /**
     * f for float arrays. By default the double f, rounded. Piecewise-linear activations override it with
     * the same formula in float arithmetic: then the JIT can vectorise the loop below when one activation
     * type runs it (measured on 4M floats: ~1 ms instead of ~40 ms through double), at a cost of a few
     * float ulps, well inside float's ~1e-6 relative accuracy.
     */
    protected float f(float x) {
        return (float) f((double) x);
    }

    /** f′ for float arrays; see {@link #f(float)}. */
    protected float df(float x) {
        return (float) df((double) x);
    }

    /**
     * Branch-free Heaviside step for float overrides: 1 for x &gt; 0, 0 for x ≤ 0 (and −0), exactly.
     * Two multiplications by 2^100 lift even the smallest subnormal above 1 and send large values to
     * +∞; the clamp then gives exactly 0 or 1. Written with min/max only, so loops over it vectorise
     * (an if/else or ?: in the loop body would not). step(x − k) is exact at any k: a float difference is
     * 0 only when x == k.
     *
     * <p>Written so that C2 (JDK 17) vectorises the loop; two rules found by measurement (4M floats, with and
     * without -XX:-UseSuperWord): no product of two steps (relu6's step(x)·step(6 − x) left the loop scalar: 28 ms
     * backward instead of ~3; step(min(x, 6 − x)) is the same indicator and vectorises), and no loop-invariant
     * minus x (step(cap − x) with cap a parameter left lrelu6's loop scalar; step(−(x − cap)) is bit for bit the
     * same and vectorises; a literal such as 6f − x is fine). Scalar, Java's float min/max branch on the data:
     * ~10 ns per element on random inputs.
     */
    protected static float step(float x) {
        return Math.min(Math.max(x * 0x1p100f * 0x1p100f, 0f), 1f);
    }

    /**
     * buf[i] ← f(buf[i]) for i &lt; len: one chunk of a float array, by default a loop over {@link #f(float)}.
     * Activations with parameters override it with the same loop after reading their parameters into float locals:
     * with the (float) conversions of the double fields inside the loop, C2 left lrelu6's backward loop scalar
     * (64 ms instead of ~3 on 4M floats, measured).
     */
    protected void forward(float[] buf, int len) {
        for (int i = 0; i < len; i++) {
            buf[i] = f(buf[i]);
        }
    }

    /** buf[i] ← f′(buf[i])·eps[i] for i &lt; len; see {@link #forward(float[], int)}. */
    protected void backward(float[] buf, float[] eps, int len) {
        for (int i = 0; i < len; i++) {
            buf[i] = df(buf[i]) * eps[i];
        }
    }

    /** Overwrites {@code in} with f(in) and returns it. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        applyForward(in);
        return in;
    }

    /** Returns (f′(in)·epsilon, null); the result is written into {@code in}. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        applyBackward(in, epsilon);
        return new Pair<>(in, null);
    }

    /** in ← f(in), in place, for any layout and floating type. */
    protected final void applyForward(INDArray in) {
        if (in.isEmpty()) {
            return;
        }
        DataType t = in.dataType();
        if ((t == DataType.FLOAT || t == DataType.DOUBLE) && DenseLayout.of(in) != DenseLayout.NONE) {
            try {
                if (t == DataType.FLOAT) {
                    forwardDenseFloat(in);
                } else {
                    forwardDouble(in.data().addressPointer(), in.length());
                }
            } finally {
                Reference.reachabilityFence(in);
            }
            return;
        }
        INDArray dense = in.castTo(fastType(t)).dup('c');
        applyForward(dense);
        in.assign(dense);
    }

    /** in ← f′(in)·epsilon, in place, for any layouts and floating types. */
    protected final void applyBackward(INDArray in, INDArray epsilon) {
        if (in.isEmpty()) {
            return;
        }
        DataType t = in.dataType();
        DenseLayout layout = DenseLayout.of(in);
        if ((t == DataType.FLOAT || t == DataType.DOUBLE) && epsilon.dataType() == t
                && layout != DenseLayout.NONE && DenseLayout.of(epsilon) == layout) {
            try {
                if (t == DataType.FLOAT) {
                    backwardDenseFloat(in, epsilon);
                } else {
                    backwardDouble(in.data().addressPointer(), epsilon.data().addressPointer(), in.length());
                }
            } finally {
                Reference.reachabilityFence(in);
                Reference.reachabilityFence(epsilon);
            }
            return;
        }
        DataType ft = fastType(t);
        INDArray dense = in.castTo(ft).dup('c');
        applyBackward(dense, epsilon.castTo(ft).dup('c'));
        in.assign(dense);
    }

    /** in ← f(in) for a dense float array: by default one chunked pass over {@link #forward(float[], int)}. */
    protected void forwardDenseFloat(INDArray in) {
        forwardFloat(in.data().addressPointer(), in.length());
    }

    /**
     * in ← f′(in)·epsilon for dense float arrays in the same layout (buffer position k is the same element in
     * both): by default one chunked pass over {@link #backward(float[], float[], int)}.
     */
    protected void backwardDenseFloat(INDArray in, INDArray epsilon) {
        backwardFloat(in.data().addressPointer(), epsilon.data().addressPointer(), in.length());
    }

    private static DataType fastType(DataType t) {
        return t == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
    }

    private void forwardFloat(Pointer base, long n) {
        Blocks.run(n, (from, to) -> {
            FloatPointer p = new FloatPointer(base);
            float[] buf = new float[(int) Math.min(to - from, CHUNK)];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                p.position(start).get(buf, 0, len);
                forward(buf, len);
                p.position(start).put(buf, 0, len);
            }
        });
    }

    private void forwardDouble(Pointer base, long n) {
        Blocks.run(n, (from, to) -> {
            DoublePointer p = new DoublePointer(base);
            double[] buf = new double[(int) Math.min(to - from, CHUNK)];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                p.position(start).get(buf, 0, len);
                for (int i = 0; i < len; i++) {
                    buf[i] = f(buf[i]);
                }
                p.position(start).put(buf, 0, len);
            }
        });
    }

    private void backwardFloat(Pointer base, Pointer epsBase, long n) {
        Blocks.run(n, (from, to) -> {
            FloatPointer p = new FloatPointer(base);
            FloatPointer e = new FloatPointer(epsBase);
            int size = (int) Math.min(to - from, CHUNK);
            float[] buf = new float[size];
            float[] eps = new float[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                p.position(start).get(buf, 0, len);
                e.position(start).get(eps, 0, len);
                backward(buf, eps, len);
                p.position(start).put(buf, 0, len);
            }
        });
    }

    private void backwardDouble(Pointer base, Pointer epsBase, long n) {
        Blocks.run(n, (from, to) -> {
            DoublePointer p = new DoublePointer(base);
            DoublePointer e = new DoublePointer(epsBase);
            int size = (int) Math.min(to - from, CHUNK);
            double[] buf = new double[size];
            double[] eps = new double[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                p.position(start).get(buf, 0, len);
                e.position(start).get(eps, 0, len);
                for (int i = 0; i < len; i++) {
                    buf[i] = df(buf[i]) * eps[i];
                }
                p.position(start).put(buf, 0, len);
            }
        });
    }
}
