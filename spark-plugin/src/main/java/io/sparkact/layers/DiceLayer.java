package io.sparkact.layers;

import io.sparkact.layers.params.DiceParamInitializer;
import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration of the Dice activation layer from Zhou et al., "Deep Interest Network for Click-Through
 * Rate Prediction", KDD 2018, section 4.3, equation (9):
 * <pre>
 *   f(z) = p(z)·z + (1 − p(z))·α·z,   p(z) = sigmoid((z − E[z]) / sqrt(Var[z] + ε))
 * </pre>
 * applied element-wise to the pre-activation z of a preceding (identity) layer, with one trainable α per
 * unit (initialised to 0). In training mode E[z] and Var[z] are the mini-batch mean and biased variance of
 * each unit and the gradient flows through them (as in batch normalisation); the layer also keeps running
 * estimates, {@code running = momentum·running + (1 − momentum)·batch}, which eval mode uses instead. See
 * {@link io.sparkact.layers.runtime.Dice} for the computation and {@link DiceParamInitializer} for the
 * parameter layout.
 *
 * <p>Input: feed-forward {@code [batch, units]} or recurrent {@code [batch, units, time]} (NCW; the
 * statistics are then taken per unit over batch and time, as DIN's attention units need). nIn == nOut ==
 * units; the output type is the input type (both from {@link UnitwiseLayer}). The layer's {@code activation}
 * is ignored (Dice is the activation) and fixed to identity so the JSON does not suggest otherwise.
 */
public class DiceLayer extends UnitwiseLayer {

    /** Catalogue name, also the owner in error messages. */
    public static final String NAME = "dice";

    /**
     * ε of equation (9). It only keeps the gate finite for constant units, so it must be positive; it is
     * capped at 1 because the inputs are pre-activations of order-1 variance, and an ε of that size would
     * already flatten the gate towards p = sigmoid(0) = 0.5 for every input.
     */
    public static final Param EPSILON = Param.real("epsilon", 1e-9, Range.openClosed(0, 1),
            "added to the variance before the square root, keeps the gate finite for constant units");

    /** Momentum of the running statistics; 1 would freeze them at their initial values. */
    public static final Param MOMENTUM = Param.real("momentum", 0.99, Range.closedOpen(0, 1),
            "running = momentum*running + (1-momentum)*batch for the eval-mode mean and variance");

    /** Every parameter, in spec order. */
    public static final List<Param> PARAMS = List.of(EPSILON, MOMENTUM);

    private double epsilon = 1e-9;
    private double momentum = 0.99;

    /** For JSON deserialisation only; fields are then set from the JSON. */
    private DiceLayer() {
    }

    private DiceLayer(Builder builder) {
        super(builder);
        this.epsilon = builder.epsilon;
        this.momentum = builder.momentum;
    }

    /** ε added to the variance. */
    public double getEpsilon() {
        return epsilon;
    }

    /** Momentum of the running mean and variance. */
    public double getMomentum() {
        return momentum;
    }

    @Override
    protected String ownerName() {
        return NAME;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType networkDataType) {
        return Instantiation.wire(new io.sparkact.layers.runtime.Dice(conf, networkDataType), conf, listeners,
                layerIndex, paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return DiceParamInitializer.getInstance();
    }

    /**
     * Unlike PReLU and Swish, which take the input's width, Dice treats units given on the builder as a
     * claim to check: when DL4J sizes the layer with override (ListBuilder's default at build), an input
     * of another width is an error instead of silently resizing the layer.
     */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        long units = unitsOf(inputType);
        if (override && nOut > 0 && nOut != units) {
            throw unitsMismatch(NAME, units, nOut);
        }
        super.setNIn(inputType, override);
    }

    /** α uses the layer's updater; the running statistics are not trained, so they get NoOp. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        switch (paramName) {
            case DiceParamInitializer.ALPHA_KEY:
                return super.getUpdaterByParam(paramName);
            case DiceParamInitializer.MEAN_KEY:
            case DiceParamInitializer.VAR_KEY:
                return new NoOp();
            default:
                throw new IllegalArgumentException("Unknown Dice parameter: \"" + paramName + "\"");
        }
    }

    /** α is regularised like a weight; L1/L2/weight decay must never pull the running statistics. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (DiceParamInitializer.ALPHA_KEY.equals(paramName)) {
            return regularization;
        }
        return Collections.emptyList();
    }

    /** Not the shared report: only α (nOut entries) has updater state, and the passes need more memory. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(nOut);
        long perExample = inputType.arrayElementsPerExample();
        // Forward: normalised input and gate (2 per element); backward: about 4 more per element.
        return new LayerMemoryReport.Builder(layerName, DiceLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 2 * perExample, 2 * nOut, 6 * perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DiceLayer) || !super.equals(o)) {
            return false;
        }
        DiceLayer other = (DiceLayer) o;
        return Double.compare(epsilon, other.epsilon) == 0 && Double.compare(momentum, other.momentum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), epsilon, momentum);
    }

    @Override
    public String toString() {
        return NAME + "(epsilon=" + Param.format(epsilon) + ",momentum=" + Param.format(momentum)
                + ",units=" + nOut + ")";
    }

    /** Fluent builder; {@code units(n)} (or nIn/nOut) is optional when the input type is set. */
    public static class Builder extends UnitwiseLayer.Builder<Builder> {

        private double epsilon = (Double) EPSILON.defaultValue();
        private double momentum = (Double) MOMENTUM.defaultValue();

        /** ε of the gate, {@code 0 < epsilon <= 1}; default 1e-9. */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** Momentum of the running statistics, {@code 0 <= momentum < 1}; default 0.99. */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Validates every parameter (exact messages from {@link Param#check(String, double)}). */
        @Override
        @SuppressWarnings("unchecked")
        public DiceLayer build() {
            EPSILON.check(NAME, epsilon);
            MOMENTUM.check(NAME, momentum);
            resolveUnits(NAME);
            return new DiceLayer(this);
        }
    }
}
