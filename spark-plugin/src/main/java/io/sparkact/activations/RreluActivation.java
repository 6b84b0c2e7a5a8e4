package io.sparkact.activations;

import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.Arrays;
import java.util.List;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Randomized leaky ReLU (Xu et al. 2015, "Empirical Evaluation of Rectified Activations in Convolutional
 * Network"; PyTorch {@code nn.RReLU}, whose defaults lower = 1/8, upper = 1/3 are used).
 *
 * <p>Training: each element's negative-side slope a is drawn from U(lower, upper) with
 * {@link Nd4j#getRandom()} (which DL4J seeds from the network seed, so runs are reproducible), and the
 * following backprop uses the same slopes: f′ = 1 for x &gt; 0, a for x ≤ 0 (negative-side rule at 0).
 * Evaluation, and a backprop without slopes of the input's shape: a = (lower + upper) / 2.
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
    /** Slopes of the last training-mode forward pass; null after an evaluation pass. Never serialised. */
    private transient INDArray slopes;

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
            slopes = null;
            applyForward(in);
            return in;
        }
        // outside any workspace: the slopes must survive until backprop, after the forward pass's workspace closed
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            slopes = Nd4j.rand(Nd4j.createUninitialized(in.dataType(), in.shape(), 'c'), lower, upper,
                    Nd4j.getRandom());
        }
        in.muli(gradientFactor(in, slopes));
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (slopes != null && Arrays.equals(slopes.shape(), in.shape())) {
            INDArray g = gradientFactor(in, slopes.castTo(in.dataType())).muli(epsilon);
            in.assign(g);
        } else {
            applyBackward(in, epsilon);
        }
        return new Pair<>(in, null);
    }

    /**
     * 1 where x &gt; 0, the slope elsewhere, as m + (1 − m)·a with a 0/1 mask m: both products are exact
     * (1·a = a, 0·a = 0), so the factor is bit-for-bit the drawn slope, in forward and in backprop.
     */
    private static INDArray gradientFactor(INDArray x, INDArray a) {
        INDArray m = x.gt(0.0).castTo(x.dataType());
        return m.rsub(1.0).muli(a).addi(m);
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
