package io.sparkact.layers.runtime;

import io.sparkact.layers.DiceLayer;
import io.sparkact.layers.params.DiceParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime Dice layer (Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD 2018,
 * section 4.3, equation (9)):
 * <pre>
 *   x̂ = (z − μ) / s,   s = sqrt(σ² + ε),   p = sigmoid(x̂),   f = p·z + (1 − p)·α·z = z·(α + (1 − α)·p)
 * </pre>
 * per unit. Training mode: μ, σ² are the mini-batch mean and biased variance of each unit (over batch,
 * and time for 3-D input), the gradient flows through them, and the running statistics (parameters
 * {@value DiceParamInitializer#MEAN_KEY}, {@value DiceParamInitializer#VAR_KEY}) are moved in place by an
 * exponential moving average — outside the gradient, like DL4J's BatchNormalization global statistics.
 * Eval mode: μ, σ² are the running statistics, constants.
 *
 * <p>Every training-mode forward pass updates the running statistics once (as in PyTorch's batch norm),
 * including {@code output(x, true)} or {@code score(ds, true)}: in a plain {@code fit} step that is exactly
 * one update. Masks are not taken into account by the statistics.
 *
 * <p>Float input, dense row-major 2-D (the usual case after a dense layer) or 3-D (through its rows copy), runs
 * {@link DiceLoops}: one pass for the statistics and one more forward, two more backward, with the gate computed in
 * Java. Double arrays (gradient checks) and other 2-D layouts take the ND4J-op form below, which computes the same
 * values (within float rounding: DiceFusedPathTest).
 */
public class Dice extends UnitwiseRuntime<DiceLayer> {

    /** Mode of the last forward pass: backprop must differentiate the same function. */
    private boolean lastForwardTraining = true;

    public Dice(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void forward(INDArray x, INDArray out, boolean training) {
        lastForwardTraining = training;
        if (fused(x, out)) {
            // 3-D: the loops run on the rows copy and the result is permuted back (two strided copies)
            INDArray z = toRows(x);
            INDArray f = x.rank() == 2 ? out : Nd4j.createUninitialized(dataType, z.shape(), 'c');
            double[][] stats = statistics(z, training);
            if (training) {
                updateRunningStatistics(Nd4j.createFromArray(stats[0]).castTo(dataType).reshape(1, x.size(1)),
                        Nd4j.createFromArray(stats[1]).castTo(dataType).reshape(1, x.size(1)));
            }
            DiceLoops.forward(z, f, stats[0], DiceLoops.inverseScale(stats[1], layerConf().getEpsilon()),
                    alpha());
            if (x.rank() == 3) {
                out.assign(fromRows(f, x.shape()));
            }
            return;
        }
        INDArray z = toRows(x);
        GateValues g = gate(z, training);
        if (training) {
            updateRunningStatistics(g.mean, g.var);
        }
        INDArray alpha = getParam(DiceParamInitializer.ALPHA_KEY);
        // f = z·(α + (1 − α)·p): one multiply per element instead of two branches; in place on p (not needed
        // after this), so the pass allocates no further full-size array.
        out.assign(fromRows(g.p.muliRowVector(alpha.rsub(1)).addiRowVector(alpha).muli(z), x.shape()));
    }

    /**
     * Backward pass. With g = dL/df, per unit over the m rows (examples, or example-time steps):
     * <pre>
     *   ∂f/∂z|p fixed = α + (1 − α)·p          ∂f/∂p = (1 − α)·z          dp/dx̂ = p·(1 − p)
     *   h_i   = g_i·(1 − α)·z_i·p_i·(1 − p_i)                     (= dL/dx̂_i)
     *   dL/dα = Σ_i g_i·z_i·(1 − p_i)
     * </pre>
     * Training mode, x̂_i = (z_i − μ)/s with μ = mean(z), σ² = mean((z − μ)²), s = sqrt(σ² + ε):
     * ∂μ/∂z_k = 1/m; ∂σ²/∂z_k = (2/m)·(z_k − μ) (the term through μ vanishes since Σ(z_i − μ) = 0);
     * ∂s/∂z_k = (z_k − μ)/(m·s). Hence
     * ∂x̂_i/∂z_k = (δ_ik − 1/m)/s − (z_i − μ)/s²·∂s/∂z_k = (δ_ik − 1/m − x̂_i·x̂_k/m)/s, and
     * <pre>
     *   dL/dz_k = g_k·(α + (1 − α)·p_k) + (h_k − mean(h) − x̂_k·mean(h·x̂)) / s
     * </pre>
     * — the direct term plus batch normalisation's backward applied to h. Eval mode: μ and s are constants,
     * so the second term is just h_k / s. The running statistics get a zero gradient.
     */
    @Override
    protected void backward(INDArray x, INDArray epsilon, INDArray dLdx, Gradient gradient) {
        if (fused(x, dLdx)) {
            INDArray z = toRows(x);
            INDArray g;
            INDArray d;
            if (x.rank() == 2) {
                // an upstream gradient in another layout (e.g. 'f' from a matrix product) costs one copy, not the
                // ND4J-op path
                g = RowMajor.all(dataType, epsilon) ? epsilon : epsilon.dup('c');
                d = dLdx;
            } else {
                g = toRows(epsilon);
                d = Nd4j.createUninitialized(dataType, z.shape(), 'c');
            }
            double[][] stats = statistics(z, lastForwardTraining);
            double[] dAlpha = DiceLoops.backward(z, g, d, stats[0],
                    DiceLoops.inverseScale(stats[1], layerConf().getEpsilon()), alpha(), lastForwardTraining);
            INDArray alphaGrad = gradientView(DiceParamInitializer.ALPHA_KEY, gradient);
            alphaGrad.assign(Nd4j.createFromArray(dAlpha).castTo(dataType).reshape(alphaGrad.shape()));
            zeroStatisticsGradients(gradient);
            if (x.rank() == 3) {
                dLdx.assign(fromRows(d, x.shape()));
            }
            return;
        }
        INDArray z = toRows(x);
        INDArray g = toRows(epsilon);
        GateValues v = gate(z, lastForwardTraining);
        INDArray alpha = getParam(DiceParamInitializer.ALPHA_KEY);
        INDArray oneMinusAlpha = alpha.rsub(1);
        INDArray oneMinusP = v.p.rsub(1);

        // in place wherever an intermediate has no later use: full-size temporaries are the cost of this layer
        INDArray gz = g.mul(z);
        INDArray h = gz.mulRowVector(oneMinusAlpha).muli(v.p).muli(oneMinusP);
        INDArray dAlpha = gz.muli(oneMinusP).sum(0);
        INDArray throughGate;
        if (lastForwardTraining) {
            INDArray meanH = h.mean(0).reshape(1, h.columns());
            INDArray meanHXhat = h.mul(v.xhat).mean(0).reshape(1, h.columns());
            throughGate = h.subiRowVector(meanH).subi(v.xhat.muliRowVector(meanHXhat)).diviRowVector(v.s);
        } else {
            throughGate = h.diviRowVector(v.s);
        }
        INDArray dz = v.p.muliRowVector(oneMinusAlpha).addiRowVector(alpha).muli(g).addi(throughGate);

        INDArray alphaGrad = gradientView(DiceParamInitializer.ALPHA_KEY, gradient);
        alphaGrad.assign(dAlpha.reshape(alphaGrad.shape()));
        zeroStatisticsGradients(gradient);
        dLdx.assign(fromRows(dz, x.shape()));
    }

    /** Not trained: the EMA in forward() is their only update (NoOp updater, no regularisation). */
    private void zeroStatisticsGradients(Gradient gradient) {
        for (String key : new String[] {DiceParamInitializer.MEAN_KEY, DiceParamInitializer.VAR_KEY}) {
            gradientView(key, gradient).assign(0);
        }
    }

    /**
     * True for the fused loops ({@link DiceLoops}): float data, and either input and output dense row-major 2-D or
     * 3-D input (whose rows form is a fresh dense copy anyway). Double arrays (gradient checks) and other 2-D
     * layouts take the ND4J-op path, which computes the same values.
     */
    boolean fused(INDArray x, INDArray out) {
        if (dataType != DataType.FLOAT || x.isEmpty()) {
            return false;
        }
        return x.rank() == 3 ? x.dataType() == DataType.FLOAT : RowMajor.all(dataType, x, out);
    }

    /** {mean, variance} per unit in double: the batch's own (training) or the running statistics (eval). */
    private double[][] statistics(INDArray x, boolean training) {
        if (training) {
            return DiceLoops.statistics(x);
        }
        return new double[][] {getParam(DiceParamInitializer.MEAN_KEY).toDoubleVector(),
                getParam(DiceParamInitializer.VAR_KEY).toDoubleVector()};
    }

    /** α per unit, as doubles (a few hundred values: copied, not viewed). */
    private double[] alpha() {
        return getParam(DiceParamInitializer.ALPHA_KEY).toDoubleVector();
    }

    /** The normalised input x̂, gate p and scale s for rows z (shape [m, units]). */
    private GateValues gate(INDArray z, boolean training) {
        INDArray mean;
        INDArray var;
        if (training) {
            mean = z.mean(0).reshape(1, z.columns());
            var = z.var(false, 0).reshape(1, z.columns()); // biased: the batch's own variance, as in BN
        } else {
            mean = getParam(DiceParamInitializer.MEAN_KEY);
            var = getParam(DiceParamInitializer.VAR_KEY);
        }
        INDArray s = Transforms.sqrt(var.add(layerConf().getEpsilon()), false);
        INDArray xhat = z.subRowVector(mean).diviRowVector(s);
        INDArray p = Transforms.sigmoid(xhat, true);
        return new GateValues(mean, var, s, xhat, p);
    }

    /** running = momentum·running + (1 − momentum)·batch, in place on the parameter views. */
    private void updateRunningStatistics(INDArray batchMean, INDArray batchVar) {
        double m = layerConf().getMomentum();
        INDArray runMean = getParam(DiceParamInitializer.MEAN_KEY);
        INDArray runVar = getParam(DiceParamInitializer.VAR_KEY);
        runMean.muli(m).addi(batchMean.mul(1 - m));
        runVar.muli(m).addi(batchVar.mul(1 - m));
    }

    /**
     * Input (checked and cast by the base) as rows [m, units]: 2-D as is (no copy: the passes only read it),
     * 3-D [batch, units, time] as [batch·time, units] so that column statistics are per unit over batch and time.
     * Never modified by the callers.
     */
    private static INDArray toRows(INDArray x) {
        if (x.rank() == 2) {
            return x;
        }
        return x.permute(0, 2, 1).dup('c').reshape('c', x.size(0) * x.size(2), x.size(1));
    }

    /** Inverse of {@link #toRows}: back to the input's shape (a view of {@code rows} for 3-D). */
    private static INDArray fromRows(INDArray rows, long[] shape) {
        if (shape.length == 2) {
            return rows;
        }
        return rows.reshape('c', shape[0], shape[2], shape[1]).permute(0, 2, 1);
    }

    /** Forward-pass intermediates shared by activate and backprop. */
    private static final class GateValues {
        final INDArray mean;
        final INDArray var;
        final INDArray s;
        final INDArray xhat;
        final INDArray p;

        GateValues(INDArray mean, INDArray var, INDArray s, INDArray xhat, INDArray p) {
            this.mean = mean;
            this.var = var;
            this.s = s;
            this.xhat = xhat;
            this.p = p;
        }
    }
}
