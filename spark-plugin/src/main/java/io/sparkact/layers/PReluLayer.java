package io.sparkact.layers;

import io.sparkact.layers.params.PReluParamInitializer;
import io.sparkact.layers.runtime.PRelu;
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
 * Parametric ReLU with one trainable negative-side slope per unit (He et al. 2015, "Delving Deep into
 * Rectifiers", eq. 1, the channel-wise variant): {@code f(x) = x} for {@code x > 0} and {@code α·x} for
 * {@code x <= 0}. Matches PyTorch's {@code nn.PReLU(num_parameters=units, init=alpha)}.
 *
 * <p>Configuration only (immutable, JSON-serialisable); the runtime layer is {@link PRelu} and the
 * parameter ({@value PReluParamInitializer#ALPHA_KEY}, shape {@code [1, units]}) comes from
 * {@link PReluParamInitializer}. {@code units} (nIn == nOut) is inferred from the input type.
 * Input {@code [batch, units]} or {@code [batch, units, time]} (α shared over time).
 */
public final class PReluLayer extends UnitwiseLayer {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "prelu";

    /** Initial slope; [0, 1] keeps the function a rectifier at initialisation (the paper uses 0.25). */
    public static final Param ALPHA = Param.real("alpha", 0.25, Range.closed(0, 1),
            "initial negative-side slope, one trainable copy per unit");

    /** Every parameter of this layer, in spec order. */
    public static final List<Param> PARAMS = List.of(ALPHA);

    @JsonProperty("alpha")
    private double alpha = 0.25;

    private PReluLayer() {
        // Jackson
    }

    private PReluLayer(Builder builder) {
        super(builder);
        this.alpha = builder.alpha;
    }

    /** The initial slope (the trained slopes live in the parameter table). */
    public double getAlpha() {
        return alpha;
    }

    @Override
    protected String ownerName() {
        return NAME;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return Instantiation.wire(new PRelu(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return PReluParamInitializer.getInstance();
    }

    // DL4J compares layer configurations (Lombok equals in its base classes); include our own field
    @Override
    public boolean equals(Object o) {
        return o instanceof PReluLayer && super.equals(o) && Double.compare(alpha, ((PReluLayer) o).alpha) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(alpha);
    }

    /** Builder: {@code new PReluLayer.Builder().alpha(0.1).build()}; units optional (inferred). */
    public static final class Builder extends UnitwiseLayer.Builder<Builder> {

        private double alpha = (Double) ALPHA.defaultValue();

        /** Initial negative-side slope, in [0, 1]. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PReluLayer build() {
            ALPHA.check(NAME, alpha);
            resolveUnits(NAME);
            return new PReluLayer(this);
        }
    }
}
