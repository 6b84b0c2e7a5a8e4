package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Randomized leaky ReLU (Xu et al. 2015, "Empirical Evaluation of Rectified Activations in Convolutional
 * Network"; PyTorch {@code nn.RReLU}, whose defaults lower = 1/8, upper = 1/3 are used).
 *
 * <p>Training: each element's negative-side slope a is drawn from U(lower, upper), and the
 * following backprop uses the same slopes: f′ = 1 for x &gt; 0, a for x ≤ 0 (negative-side rule at 0).
 * Evaluation, and a backprop without slopes of the input's shape: a = (lower + upper) / 2.
 *
 * <p>The draw: one seed per training forward pass from {@link Nd4j#getRandom()} (which DL4J seeds from the
 * network seed, so runs are reproducible); u in [0, 1) for the element at row-major position k is the k-th draw
 * of ND4J's native generator started from that seed ({@code Nd4j.rand} into a temporary, multi-threaded), and
 * a = min(lower + (upper − lower)·u, upper). Backprop draws the same u again from the seed instead of keeping an
 * array of slopes, and the slope arithmetic is one vectorised Java pass: before, the draw plus five ND4J ops of
 * mask arithmetic took 57 ms per 4M floats forward (BENCHMARKS.md), more than 50 times relu. A counter-based
 * generator in Java (a hash of k and the seed) was tried and was slower: C2 (JDK 17) does not vectorise a loop
 * that uses its index as a value, nor int → float conversion (measured ~13 ns per element on this machine).
 *
 * <p>Not DL4J's {@code ActivationRReLU} (M2), which in evaluation mode outputs max(x, (lower+upper)/2) for
 * every x and whose backprop returns epsilon unchanged (f′ = 1 everywhere). The drawn slopes are transient state of this object (not part of
 * its JSON or equality), so one instance must not be shared by concurrently training networks — which
 * DL4J does not do: each network or Spark worker deserialises its own configuration.
 */
public class RreluActivation extends PointwiseActivation {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "rrelu";
    /** Lower end of the slope distribution. */
    public static final Param LOWER = Param.real("lower", 0.125, Range.closed(0.0, 1.0),
            "lowest negative-side slope drawn in training");
    /** Upper end of the slope distribution. */
    public static final Param UPPER = Param.real("upper", 1.0 / 3.0, Range.closed(0.0, 1.0),
            "highest negative-side slope drawn in training");
    /** Parameters in spec order. */
    public static final List<Param> PARAMS = List.of(LOWER, UPPER);

    private double lower;
    private double upper;
    /** Shape of the last training-mode forward pass; null after an evaluation pass. Never serialised. */
    private transient long[] drawnShape;
    /** Seed of that pass's draw (see the class documentation). */
    private transient long drawnSeed;

    /** With the declared defaults (see {@link #PARAMS}). */
    public RreluActivation() {
        this(((Number) LOWER.defaultValue()).doubleValue(), ((Number) UPPER.defaultValue()).doubleValue());
    }

    /**
     * @param lower see {@link #LOWER}; must not exceed upper
     * @param upper see {@link #UPPER}
     */
    public RreluActivation(double lower, double upper) {
        this.lower = LOWER.check(NAME, lower);
        this.upper = UPPER.check(NAME, upper);
        if (lower > upper) {
            throw Param.invalid(NAME, LOWER.name(), Param.format(lower),
                    "lower <= upper (upper = " + Param.format(upper) + ")");
        }
    }

    public double getLower() {
        return lower;
    }

    public double getUpper() {
        return upper;
    }

    /** The slope used in evaluation mode: the mean of U(lower, upper). */
    public double getEvalSlope() {
        return 0.5 * (lower + upper);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!training) {
            drawnShape = null;
            applyForward(in);
            return in;
        }
        drawnSeed = Nd4j.getRandom().nextLong();
        drawnShape = in.shape().clone();
        drawn(in, null);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (drawnShape != null && Arrays.equals(drawnShape, in.shape())) {
            drawn(in, epsilon);
        } else {
            applyBackward(in, epsilon);
        }
        return new Pair<>(in, null);
    }

    /**
     * With the drawn slopes a: in ← x·g (forward, epsilon null) or in ← g·epsilon (backward), g = 1 for x &gt; 0
     * and a otherwise. The slope of an element depends on its row-major position, so arrays that are not dense
     * row-major (and other types than float and double) are processed as a dense row-major copy.
     */
    private void drawn(INDArray in, INDArray epsilon) {
        if (in.isEmpty()) {
            return;
        }
        DataType t = in.dataType();
        DenseLayout layout = DenseLayout.of(in);
        boolean direct = (t == DataType.FLOAT || t == DataType.DOUBLE) && (layout == DenseLayout.C
                || layout == DenseLayout.VECTOR) && (epsilon == null || epsilon.dataType() == t
                && (DenseLayout.of(epsilon) == DenseLayout.C || DenseLayout.of(epsilon) == DenseLayout.VECTOR));
        if (!direct) {
            DataType ft = t == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
            INDArray dense = in.castTo(ft).dup('c');
            drawn(dense, epsilon == null ? null : epsilon.castTo(ft).dup('c'));
            in.assign(dense);
            return;
        }
        long n = in.length();
        INDArray u = Nd4j.createUninitialized(t, n);
        try (org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(drawnSeed)) {
            Nd4j.rand(u, 0.0, 1.0, rng);
        } catch (Exception closing) {
            throw new IllegalStateException("closing ND4J's random generator failed", closing);
        }
        Pointer x = in.data().addressPointer();
        Pointer e = epsilon == null ? null : epsilon.data().addressPointer();
        Pointer up = u.data().addressPointer();
        if (t == DataType.FLOAT) {
            drawnFloat(x, e, up, n, (float) lower, (float) upper);
        } else {
            drawnDouble(x, e, up, n, lower, upper);
        }
        // the loops went through addresses, which do not keep arrays alive (PointwiseActivation, native memory)
        Reference.reachabilityFence(u);
        Reference.reachabilityFence(in);
        Reference.reachabilityFence(epsilon);
    }

    private static void drawnFloat(Pointer x, Pointer e, Pointer u, long n, float lo, float hi) {
        float width = hi - lo;
        Blocks.run(n, (from, to) -> {
            FloatPointer px = new FloatPointer(x);
            FloatPointer pe = e == null ? null : new FloatPointer(e);
            FloatPointer pu = new FloatPointer(u);
            int size = (int) Math.min(to - from, CHUNK);
            float[] buf = new float[size];
            float[] eps = new float[size];
            float[] draw = new float[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                px.position(start).get(buf, 0, len);
                pu.position(start).get(draw, 0, len);
                if (pe == null) {
                    for (int i = 0; i < len; i++) {
                        float v = buf[i];
                        float p = step(v);
                        float a = Math.min(lo + width * draw[i], hi);
                        buf[i] = v * (p + (1f - p) * a);   // p + (1 - p) a is exactly 1 or a
                    }
                } else {
                    pe.position(start).get(eps, 0, len);
                    for (int i = 0; i < len; i++) {
                        float p = step(buf[i]);
                        float a = Math.min(lo + width * draw[i], hi);
                        buf[i] = (p + (1f - p) * a) * eps[i];
                    }
                }
                px.position(start).put(buf, 0, len);
            }
        });
    }

    private static void drawnDouble(Pointer x, Pointer e, Pointer u, long n, double lo, double hi) {
        double width = hi - lo;
        Blocks.run(n, (from, to) -> {
            DoublePointer px = new DoublePointer(x);
            DoublePointer pe = e == null ? null : new DoublePointer(e);
            DoublePointer pu = new DoublePointer(u);
            int size = (int) Math.min(to - from, CHUNK);
            double[] buf = new double[size];
            double[] eps = new double[size];
            double[] draw = new double[size];
            for (long start = from; start < to; start += CHUNK) {
                int len = (int) Math.min(CHUNK, to - start);
                px.position(start).get(buf, 0, len);
                pu.position(start).get(draw, 0, len);
                if (pe != null) {
                    pe.position(start).get(eps, 0, len);
                }
                for (int i = 0; i < len; i++) {
                    double g = buf[i] > 0.0 ? 1.0 : Math.min(lo + width * draw[i], hi);
                    buf[i] = pe == null ? buf[i] * g : g * eps[i];
                }
                px.position(start).put(buf, 0, len);
            }
        });
    }

    @Override
    protected double f(double x) {
        return x >= 0.0 ? x : getEvalSlope() * x;
    }

    @Override
    protected double df(double x) {
        return x > 0.0 ? 1.0 : getEvalSlope();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    protected double[] paramValues() {
        return new double[] {lower, upper};
    }
}
