package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activations read and write arrays through native addresses, which do not keep an array alive; ND4J frees an
 * array's memory once the collector finds it unreachable, and compiled code makes a local unreachable after its
 * last use. A caller that passes a temporary epsilon (DL4J's layers may), or the activation's own temporaries (the
 * exponentials, rrelu's draws), must stay alive until the loops are done (PointwiseActivation, "native memory").
 *
 * <p>How each test can fail: the entry points are first compiled (20,000 small calls: C2 compiles a method after
 * ~10,000 invocations; an interpreted frame keeps its locals alive whatever their last use), then four 300,000-element
 * arrays are processed while another thread runs {@code System.gc()} every millisecond, and every element is
 * compared with the formula in double. Run against the code without the reachability fences (2026-12-02), the two
 * backward cases with a temporary epsilon failed (sigmoid at its first large call: 0.0 where s(1−s)·2 = 0.0194 was
 * expected; swish at its third: 4.9e-35 for 2.07; 8 wrong elements each, at the start of the
 * array); the forward, generic and rrelu cases passed there. They guard the same
 * hazard on the other paths (the exponentials' and rrelu's own temporaries, the generic loops) and are cheap.
 */
class NativeLifetimeTest {

    private static final int N = 300_000;
    private static final int WARM_CALLS = 20_000;
    private static final int LARGE_CALLS = 4;

    @Test
    void sigmoidBackwardWithATemporaryEpsilon() {
        stress(SigmoidActivation::new, DataType.FLOAT, true, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return 2 * s * (1 - s);
        });
    }

    @Test
    void sigmoidForwardKeepsItsExponentialBuffer() {
        stress(SigmoidActivation::new, DataType.FLOAT, false, x -> 1 / (1 + Math.exp(-x)));
    }

    @Test
    void swishBackwardKeepsItsDoubleExponentialBuffer() {
        stress(SwishActivation::new, DataType.FLOAT, true, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return 2 * (s + x * s * (1 - s));
        });
    }

    @Test
    void genericBackwardWithATemporaryEpsilonFloatAndDouble() {
        DoubleUnaryOperator twiceSign = x -> 2 * Math.signum(x);
        stress(AbsActivation::new, DataType.FLOAT, true, twiceSign);
        stress(AbsActivation::new, DataType.DOUBLE, true, twiceSign);
    }

    @Test
    void rreluTrainingForwardKeepsItsDraws() {
        RreluActivation act = new RreluActivation();
        float[] xs = points();
        for (int i = 0; i < WARM_CALLS; i++) {
            act.getActivation(Nd4j.createFromArray(Arrays.copyOf(xs, 256)), true);
        }
        Thread gc = collector();
        try {
            for (int call = 0; call < LARGE_CALLS; call++) {
                float[] y = act.getActivation(Nd4j.createFromArray(xs), true).toFloatVector();
                int bad = 0;
                for (int i = 0; i < N; i++) {
                    float x = xs[i];
                    // x > 0: x; else x·a with a drawn in [1/8, 1/3], so y between x/3 and x/8 (float rounding aside)
                    boolean ok = x > 0 ? y[i] == x : y[i] <= x / 8 + 1e-5f && y[i] >= x / 3 - 1e-5f;
                    bad += ok ? 0 : 1;
                }
                assertEquals(0, bad, "rrelu training forward, call " + call + ": elements outside the drawn slopes");
            }
        } finally {
            stop(gc);
        }
    }

    /** Warm-up, then large calls under GC pressure; backward uses a temporary epsilon of 2s. */
    private static void stress(Supplier<? extends PointwiseActivation> make, DataType type, boolean backward,
            DoubleUnaryOperator expected) {
        PointwiseActivation act = make.get();
        float[] xs = points();
        for (int i = 0; i < WARM_CALLS; i++) {
            INDArray x = Nd4j.createFromArray(Arrays.copyOf(xs, 256)).castTo(type);
            if (backward) {
                act.backprop(x, Nd4j.valueArrayOf(new long[] {256}, 2.0, type));
            } else {
                act.getActivation(x, false);
            }
        }
        Thread gc = collector();
        try {
            for (int call = 0; call < LARGE_CALLS; call++) {
                INDArray x = Nd4j.createFromArray(xs).castTo(type);
                double[] y = (backward ? act.backprop(x, Nd4j.valueArrayOf(new long[] {N}, 2.0, type)).getFirst()
                        : act.getActivation(x, false)).toDoubleVector();
                int bad = 0;
                int first = -1;
                for (int i = 0; i < N; i++) {
                    double want = expected.applyAsDouble(xs[i]);
                    if (!(Math.abs(y[i] - want) <= 1e-5 * Math.max(1, Math.abs(want)))) {
                        bad++;
                        first = first < 0 ? i : first;
                    }
                }
                String what = act.getClass().getSimpleName() + " " + type + (backward ? " backward" : " forward");
                int f = first;
                int c = call;
                assertEquals(0, bad, () -> what + ", call " + c + ": wrong elements, first at x = "
                        + (f < 0 ? "" : xs[f] + " (got " + y[f] + ", want " + expected.applyAsDouble(xs[f]) + ")"));
            }
        } finally {
            stop(gc);
        }
    }

    /** Fixed points uniform on [−10, 10] (seeded), as floats so that the float and double paths see the same x. */
    private static float[] points() {
        Random r = new Random(7);
        float[] xs = new float[N];
        for (int i = 0; i < N; i++) {
            xs[i] = (float) (r.nextDouble() * 20 - 10);
        }
        return xs;
    }

    private static Thread collector() {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-pressure");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void stop(Thread t) {
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
