package io.sparkact.layers.runtime;

import io.sparkact.layers.SwishLayer;
import io.sparkact.layers.params.SwishParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link SwishLayer}: {@code f(x) = x·σ(βx)} with one β per layer (Ramachandran et al. 2017,
 * "Searching for Activation Functions", §4), trainable or fixed.
 *
 * <p>With s = σ(βx) and σ' = s(1 − s): df/dx = s + βx·s(1 − s) and df/dβ = x²·s(1 − s), so dL/dβ is
 * the sum over every entry of ε·x²·s(1 − s). Smooth everywhere, so no kink convention is needed.
 */
public class TrainableSwish extends UnitwiseRuntime<SwishLayer> {

    private static final long serialVersionUID = 1L;

    public TrainableSwish(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The β in use: the trained parameter if trainable, else the configured constant. */
    public double beta() {
        return layerConf().isTrainable()
                ? getParam(SwishParamInitializer.BETA_KEY).getDouble(0)
                : layerConf().getBeta();
    }

    @Override
    protected void forward(INDArray x, INDArray out, boolean training) {
        x.mul(sigmoidOfBetaX(x, beta()), out);
    }

    @Override
    protected void backward(INDArray x, INDArray epsilon, INDArray dLdx, Gradient gradient) {
        double beta = beta();
        INDArray s = sigmoidOfBetaX(x, beta);
        INDArray sPrime = s.rsub(1.0).muli(s);                       // s(1 − s)
        INDArray dfdx = x.mul(sPrime).muli(beta).addi(s);           // s + βx·s(1 − s)
        epsilon.mul(dfdx, dLdx);
        if (layerConf().isTrainable()) {
            double dBeta = x.mul(x).muli(sPrime).muli(epsilon).sumNumber().doubleValue();
            gradientView(SwishParamInitializer.BETA_KEY, gradient).assign(dBeta);
        }
    }

    private static INDArray sigmoidOfBetaX(INDArray x, double beta) {
        return Transforms.sigmoid(x.mul(beta), false);
    }
}
