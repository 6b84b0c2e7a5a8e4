package io.sparkact.activations;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An element-wise activation built on one exponential per element (sigmoid, tanh, swish, softplus, elu, selu),
 * with a fast float path: the exponential is evaluated by ND4J's native, vectorised, multi-threaded transform op,
 * the rest by two Java passes that C2 vectorises.
 *
 * <p>Why: {@code Math.exp} is a scalar double call (~20 ns per element measured here, and each float ↔ double
 * conversion in a loop keeps it scalar), so the generic double path took 38 ms (sigmoid) to 85 ms (tanh) for 4M
 * floats. A float exponential written in Java (range reduction and polynomial) does not vectorise on JDK 17
 * either: building 2^k needs {@code Float.intBitsToFloat}, which C2's SuperWord does not vectorise (measured:
 * ~10× the cost of a vectorised multiply). So, for a dense float array of n elements:
 * <ol>
 *   <li>a Java pass writes the op's argument a(x) (e.g. −|x|) into a temporary t (allocated in the current
 *       workspace when there is one, as ND4J's own ops allocate);</li>
 *   <li>ND4J evaluates exp (or expm1, or log1p∘exp) on t in place;</li>
 *   <li>a second Java pass combines x and t (and dL/df) into the result, in place on x.</li>
 * </ol>
 * Each argument is chosen so the combination loses no digits: −|x| keeps e^a ≤ 1 (no overflow), derivatives use
 * e^a itself (s(x)s(−x) = e/(1+e)², not 1 − s), values near 0 use expm1. Precision: a few float ulps (the op's
 * own float exp, expm1, log1p plus a rational combination), checked against the double path in
 * {@code ExpActivationAccuracyTest}. Double arrays (gradient checks) keep the double f and f′.
 */
public abstract class ExpActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Argument a(x) of the exponential in the forward pass. */
    protected abstract float forwardArg(float x);

    /** f(x) from x and e = e^a(x). */
    protected abstract float fromForward(float x, float e);

    /**
     * x[i] ← f(x[i]) from e[i] = e^a(x[i]) for i &lt; len (e may be overwritten): one chunk of the forward combination,
     * by default a loop over {@link #fromForward}. Overridden to split a long formula into two loops: C2 unrolls,
     * and so vectorises, only loops whose body stays under -XX:LoopUnrollLimit (60 nodes by default); a longer body
     * runs scalar (tanhshrink's series: 31 ms instead of ~9 forward on 4M floats, 17 with LoopUnrollLimit=120).
     */
    protected void combineForward(float[] x, float[] e, int len) {
        for (int i = 0; i < len; i++) {
            x[i] = fromForward(x[i], e[i]);
        }
    }

    /** How float arrays compute f′: the float native-exp path ({@link #backwardArg}, {@link #fromBackward}) by default. */
    protected enum Backward {
        /** e = e^a in float natively, then f′ in float (a few float ulps when f′ does not cancel). */
        FLOAT_EXP,
        /**
         * x cast to a double temporary natively, a(x) in place on it in Java, e = e^a in double natively, then f′
         * in double from float x and double e, rounded once to float: for an f′ whose terms cancel (swish near its root), where a float e's ~1e-7 relative error
         * would be amplified beyond the package's float tolerance. Uses {@link #backwardArgDouble} and
         * {@link #fromBackwardDouble}.
         */
        DOUBLE_EXP,
        /** The generic scalar double f′ (PointwiseActivation). */
        SCALAR
    }

    /** See {@link Backward}. */
    protected Backward backwardMode() {
        return Backward.FLOAT_EXP;
    }

    /** Argument a(x) (x a float value, in double) of the exponential in the backward pass (only called for {@link Backward#DOUBLE_EXP}). */
    protected double backwardArgDouble(double x) {
        throw new UnsupportedOperationException("no double-exp backward path");
    }

    /** f′(x) in double from x and e = e^a(x) in double (only called for {@link Backward#DOUBLE_EXP}). */
    protected double fromBackwardDouble(float x, double e) {
        throw new UnsupportedOperationException("no double-exp backward path");
    }

    /** Argument a(x) of the exponential in the backward pass (only called for {@link Backward#FLOAT_EXP}). */
    protected float backwardArg(float x) {
        throw new UnsupportedOperationException("no float backward path");
    }

    /** f′(x) from x and e = e^a(x) (only called for {@link Backward#FLOAT_EXP}). */
    protected float fromBackward(float x, float e) {
        throw new UnsupportedOperationException("no float backward path");
    }

    @Override
    protected final void forwardDenseFloat(INDArray in) {
        long n = in.length();
        INDArray t = Nd4j.createUninitialized(DataType.FLOAT, n);
        Pointer x = in.data().addressPointer();
        Pointer tp = t.data().addressPointer();
        argPass(x, tp, n, true);
        Nd4j.getExecutioner().exec(new Exp(t, t));
        Blocks.run(n, (from, to) -> {
            FloatPointer px = new FloatPointer(x);
            FloatPointer pt = new FloatPointer(tp);
            int size = (int) Math.min(to - from, CHUNK);
            float[] buf = new float[size];
            float[] e = new float[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                px.position(start).get(buf, 0, len);
                pt.position(start).get(e, 0, len);
                combineForward(buf, e, len);
                px.position(start).put(buf, 0, len);
            }
        });
        // t's memory is read through tp above: keep t alive until here (see PointwiseActivation, native memory)
        Reference.reachabilityFence(t);
    }

    @Override
    protected final void backwardDenseFloat(INDArray in, INDArray epsilon) {
        Backward mode = backwardMode();
        if (mode == Backward.SCALAR) {
            super.backwardDenseFloat(in, epsilon);
            return;
        }
        if (mode == Backward.DOUBLE_EXP) {
            backwardDoubleExp(in, epsilon);
            return;
        }
        long n = in.length();
        INDArray t = Nd4j.createUninitialized(DataType.FLOAT, n);
        Pointer x = in.data().addressPointer();
        Pointer ep = epsilon.data().addressPointer();
        Pointer tp = t.data().addressPointer();
        argPass(x, tp, n, false);
        Nd4j.getExecutioner().exec(new Exp(t, t));
        Blocks.run(n, (from, to) -> {
            FloatPointer px = new FloatPointer(x);
            FloatPointer pt = new FloatPointer(tp);
            FloatPointer pe = new FloatPointer(ep);
            int size = (int) Math.min(to - from, CHUNK);
            float[] buf = new float[size];
            float[] e = new float[size];
            float[] g = new float[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                px.position(start).get(buf, 0, len);
                pt.position(start).get(e, 0, len);
                pe.position(start).get(g, 0, len);
                for (int i = 0; i < len; i++) {
                    buf[i] = fromBackward(buf[i], e[i]) * g[i];
                }
                px.position(start).put(buf, 0, len);
            }
        });
        Reference.reachabilityFence(t);
    }

    /** in ← f′(in)·epsilon for {@link Backward#DOUBLE_EXP}: t ← a(x) in double, t ← e^t natively, then one pass. */
    private void backwardDoubleExp(INDArray in, INDArray epsilon) {
        long n = in.length();
        // x as double by ND4J's native cast (vectorised; a float-to-double conversion in a Java loop stays scalar,
        // measured 10 ms for this pass on 4M floats), same shape and order so buffer position k is the same element
        INDArray t = Nd4j.createUninitialized(DataType.DOUBLE, in.shape(), in.ordering());
        t.assign(in);
        Pointer x = in.data().addressPointer();
        Pointer ep = epsilon.data().addressPointer();
        Pointer tp = t.data().addressPointer();
        Blocks.run(n, (from, to) -> {
            DoublePointer pt = new DoublePointer(tp);
            double[] a = new double[(int) Math.min(to - from, CHUNK)];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                pt.position(start).get(a, 0, len);
                for (int i = 0; i < len; i++) {
                    a[i] = backwardArgDouble(a[i]);
                }
                pt.position(start).put(a, 0, len);
            }
        });
        Nd4j.getExecutioner().exec(new Exp(t, t));
        Blocks.run(n, (from, to) -> {
            FloatPointer px = new FloatPointer(x);
            DoublePointer pt = new DoublePointer(tp);
            FloatPointer pe = new FloatPointer(ep);
            int size = (int) Math.min(to - from, CHUNK);
            float[] buf = new float[size];
            double[] e = new double[size];
            float[] g = new float[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                px.position(start).get(buf, 0, len);
                pt.position(start).get(e, 0, len);
                pe.position(start).get(g, 0, len);
                for (int i = 0; i < len; i++) {
                    buf[i] = (float) (fromBackwardDouble(buf[i], e[i]) * g[i]);
                }
                px.position(start).put(buf, 0, len);
            }
        });
        Reference.reachabilityFence(t);
    }

    /** t ← a(x), chunk by chunk. */
    private void argPass(Pointer x, Pointer t, long n, boolean forward) {
        Blocks.run(n, (from, to) -> {
            FloatPointer px = new FloatPointer(x);
            FloatPointer pt = new FloatPointer(t);
            float[] buf = new float[(int) Math.min(to - from, CHUNK)];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                px.position(start).get(buf, 0, len);
                if (forward) {
                    for (int i = 0; i < len; i++) {
                        buf[i] = forwardArg(buf[i]);
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        buf[i] = backwardArg(buf[i]);
                    }
                }
                pt.position(start).put(buf, 0, len);
            }
        });
    }

    /** The logistic function from x and e = e^(−|x|) (x's sign picks 1/(1+e) or e/(1+e); exact at the choice). */
    static float logistic(float x, float e) {
        float p = step(x);
        return (p + (1f - p) * e) / (1f + e);
    }

    /** s(x)·s(−x) = e/(1+e)² from e = e^(−|x|): the logistic derivative without 1 − s cancelling. */
    static float logisticSlope(float e) {
        float d = 1f + e;
        return e / (d * d);
    }

    /**
     * e^a − 1 for a ≤ 0 from e = e^a, without the cancellation of e − 1 near a = 0 (ND4J's float expm1 and log1p
     * are not usable for that: measured 24 ulps off at a = −1/64, and log1p(x) for small x no better than
     * log(1 + x)). For |a| &lt; 0.35 the Taylor polynomial to a⁸/8! (truncation below 1e-8 relative), else e − 1
     * (|e − 1| ≥ 0.29 there: at most ~3 ulps). Branch-free: the polynomial is evaluated at a clamped to
     * [−0.5, 0] so that it stays finite where it is not selected.
     */
    static float expm1(float a, float e) {
        float c = Math.max(a, -0.5f);
        float poly = c * (1f + c * (1f / 2 + c * (1f / 6 + c * (1f / 24 + c * (1f / 120 + c * (1f / 720
                + c * (1f / 5040 + c * (1f / 40320))))))));
        float small = step(0.35f + a);   // 1 for a > -0.35
        return small * poly + (1f - small) * (e - 1f);
    }

    /**
     * log(1 + e) for 0 ≤ e ≤ 1: 2·atanh(w) with w = e/(2 + e) ≤ 1/3, the odd series to w¹⁵ (truncation below
     * 3e-9 relative); exact for tiny e, where log(1 + e) in float would return 0 or e's rounding.
     */
    static float log1p(float e) {
        float w = e / (2f + e);
        float w2 = w * w;
        return 2f * w * (1f + w2 * (1f / 3 + w2 * (1f / 5 + w2 * (1f / 7 + w2 * (1f / 9 + w2 * (1f / 11
                + w2 * (1f / 13 + w2 * (1f / 15))))))));
    }
}
