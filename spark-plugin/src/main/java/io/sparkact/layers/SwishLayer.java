package io.sparkact.layers;

import io.sparkact.layers.params.SwishParamInitializer;
import io.sparkact.layers.runtime.TrainableSwish;
import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Swish with one trainable β for the whole layer (Ramachandran et al. 2017, "Searching for Activation
 * Functions", §4): {@code f(x) = x·σ(βx)}. With {@code trainable=false} β is the fixed constant
 * {@code beta} and the layer has no parameters ({@code beta=1, trainable=false} is SiLU).
 *
 * <p>Configuration only (immutable, JSON-serialisable); the runtime layer is {@link TrainableSwish} and
 * the parameter ({@value SwishParamInitializer#BETA_KEY}, shape {@code [1, 1]}) comes from
 * {@link SwishParamInitializer}. nIn == nOut is inferred from the input type.
 */
public final class SwishLayer extends UnitwiseLayer {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "swish";

    /** Initial (or fixed) β. β = 0 gives x/2, large β approaches ReLU (paper §4). */
    public static final Param BETA = Param.real("beta", 1.0, Range.atLeast(0),
            "initial (or, if not trainable, fixed) beta of x*sigmoid(beta*x)");

    /** Whether β is a trained parameter. */
    public static final Param TRAINABLE = Param.bool("trainable", true,
            "train beta (one per layer) or keep it fixed");

    /** Every parameter of this layer, in spec order. */
    public static final List<Param> PARAMS = List.of(BETA, TRAINABLE);

    @JsonProperty("beta")
    private double beta = 1.0;

    @JsonProperty("trainable")
    private boolean trainable = true;

    private SwishLayer() {
        // Jackson
    }

    private SwishLayer(Builder builder) {
        super(builder);
        this.beta = builder.beta;
        this.trainable = builder.trainable;
    }

    /** The initial β if trainable (the trained value lives in the parameter table), else the fixed β. */
    public double getBeta() {
        return beta;
    }

    public boolean isTrainable() {
        return trainable;
    }

    @Override
    protected String ownerName() {
        return NAME;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return Instantiation.wire(new TrainableSwish(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return SwishParamInitializer.getInstance();
    }

    // DL4J compares layer configurations (Lombok equals in its base classes); include our own fields
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SwishLayer) || !super.equals(o)) {
            return false;
        }
        SwishLayer other = (SwishLayer) o;
        return Double.compare(beta, other.beta) == 0 && trainable == other.trainable;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Double.hashCode(beta)) + Boolean.hashCode(trainable);
    }

    /** Builder: {@code new SwishLayer.Builder().beta(1.5).trainable(true).build()}; units optional. */
    public static final class Builder extends UnitwiseLayer.Builder<Builder> {

        private double beta = (Double) BETA.defaultValue();
        private boolean trainable = (Boolean) TRAINABLE.defaultValue();

        /** Initial (or fixed) β, finite and >= 0. */
        public Builder beta(double beta) {
            this.beta = beta;
            return this;
        }

        /** Train β (default) or keep it fixed. */
        public Builder trainable(boolean trainable) {
            this.trainable = trainable;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SwishLayer build() {
            BETA.check(NAME, beta);
            resolveUnits(NAME);
            return new SwishLayer(this);
        }
    }
}
