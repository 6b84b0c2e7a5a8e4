package io.sparkact.layers;

import io.sparkact.params.Param;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * Shared configuration mechanics of the element-wise layers with trainable parameters or state
 * ({@link PReluLayer}, {@link SwishLayer}, {@link DiceLayer}): the layer maps {@code units} inputs to the
 * same {@code units} outputs, so nIn == nOut and both are taken from the input type.
 *
 * <p>Accepted inputs: feed-forward {@code [batch, units]} and recurrent {@code [batch, units, time]}
 * (NCW). NWC is refused rather than silently treating the time axis as units. The layer is its own
 * activation: the inherited {@code activation} setting is fixed to identity and never applied, so a
 * network-wide default activation (DL4J's global default is sigmoid) cannot leak into it.
 */
public abstract class UnitwiseLayer extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** For Jackson and Java serialization. */
    protected UnitwiseLayer() {
    }

    protected UnitwiseLayer(Builder<?> builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /** Catalogue name of the concrete layer, used as the owner in error messages. */
    protected abstract String ownerName();

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        unitsOf(inputType);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long units = unitsOf(inputType);
        if (getNIn() <= 0 || override) {
            setNIn(units);
            setNOut(units);
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        unitsOf(inputType);
        return null; // 2-D and 3-D inputs are handled directly, the shape is kept
    }

    /** Width of the unit axis of a supported input type; throws for the others. */
    protected long unitsOf(InputType inputType) {
        if (inputType instanceof InputType.InputTypeFeedForward) {
            return ((InputType.InputTypeFeedForward) inputType).getSize();
        }
        if (inputType instanceof InputType.InputTypeRecurrent) {
            InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) inputType;
            if (r.getFormat() == RNNFormat.NCW) {
                return r.getSize();
            }
        }
        throw new IllegalStateException(ownerName() + " layer (name \"" + getLayerName()
                + "\") accepts feed-forward [batch, units] or recurrent NCW [batch, units, time] input; got "
                + inputType);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        // Training keeps the input for backprop and creates one output-sized array.
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 0, 0, inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** The error for an nOut that differs from nIn (the layer is element-wise). */
    protected static IllegalArgumentException unitsMismatch(String owner, long nIn, long nOut) {
        return Param.invalid(owner, "nOut", Long.toString(nOut), "nOut == nIn (" + nIn + ")");
    }

    /**
     * Builder shared by the unit-wise layers: {@code units(n)} (or nIn/nOut) is optional because the
     * width is inferred from the input type; if both nIn and nOut are given they must agree.
     */
    public abstract static class Builder<T extends Builder<T>> extends FeedForwardLayer.Builder<T> {

        protected Builder() {
            this.activationFn = new ActivationIdentity();
        }

        /** Copies a given nIn to nOut (or back) and checks they agree; call at the start of build(). */
        protected void resolveUnits(String owner) {
            if (nIn > 0 && nOut > 0 && nIn != nOut) {
                throw unitsMismatch(owner, nIn, nOut);
            }
            long units = Math.max(nIn, nOut);
            if (units > 0) {
                nIn = units;
                nOut = units;
            }
        }
    }
}
