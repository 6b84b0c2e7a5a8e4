package io.sparkact.layers.runtime;

import io.sparkact.layers.PReluLayer;
import io.sparkact.layers.params.PReluParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link PReluLayer}: {@code f(x) = x} for {@code x > 0}, {@code α_u·x} for {@code x <= 0}
 * with one trainable α per unit u (He et al. 2015, "Delving Deep into Rectifiers", eq. 1 and 4).
 *
 * <p>Both passes go through the slope {@code s(x) = 1} for x > 0 and {@code α} for x <= 0, so f = s·x,
 * df/dx = s, and df/dα = x on the negative side (eq. 4). At the kink x = 0 the negative side is taken
 * (SparkAct's convention): f'(0) = α, and the α-gradient there is 0·ε = 0. For 3-D input
 * {@code [batch, units, time]} α is shared over time and its gradient sums over batch and time.
 *
 * <p>Dense 2-D input (the usual case after a dense layer) runs {@link PReluLoops}, one pass each way; other
 * layouts and 3-D input the ND4J-op form below, which computes the same values.
 */
public class PRelu extends UnitwiseRuntime<PReluLayer> {

    private static final long serialVersionUID = 1L;

    public PRelu(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void forward(INDArray x, INDArray out, boolean training) {
        if (RowMajor.all(dataType, x, out)) {
            PReluLoops.forward(x, out, alpha());
            return;
        }
        x.mul(slope(x, negativeSide(x)), out);
    }

    @Override
    protected void backward(INDArray x, INDArray epsilon, INDArray dLdx, Gradient gradient) {
        INDArray view = gradientView(PReluParamInitializer.ALPHA_KEY, gradient);
        if (RowMajor.all(dataType, x, epsilon, dLdx)) {
            double[] dAlpha = PReluLoops.backward(x, epsilon, dLdx, alpha());
            view.assign(Nd4j.createFromArray(dAlpha).castTo(dataType).reshape(view.shape()));
            return;
        }
        INDArray negative = negativeSide(x);
        epsilon.mul(slope(x, negative), dLdx);
        // dL/dα_u = Σ over batch (and time) of ε·x where x <= 0 (He et al. eq. 4)
        INDArray perEntry = epsilon.mul(x).muli(negative);
        INDArray dAlpha = x.rank() == 2 ? perEntry.sum(0) : perEntry.sum(0, 2);
        view.assign(dAlpha.reshape(view.shape()));
    }

    /** α per unit, as doubles (a few hundred values: copied, not viewed). */
    private double[] alpha() {
        return getParam(PReluParamInitializer.ALPHA_KEY).toDoubleVector();
    }

    /** 1 where x <= 0 (the side α acts on, kink included), else 0, in the layer's data type. */
    private INDArray negativeSide(INDArray x) {
        return x.lte(0.0).castTo(dataType);
    }

    /** s = 1 + negative·(α − 1): 1 on the positive side, α on the negative side. */
    private INDArray slope(INDArray x, INDArray negative) {
        INDArray alphaMinusOne = perUnit(getParam(PReluParamInitializer.ALPHA_KEY), x.rank()).sub(1.0);
        return negative.mul(alphaMinusOne).addi(1.0);
    }
}
