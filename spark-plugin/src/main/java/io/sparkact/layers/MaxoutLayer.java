package io.sparkact.layers;

import io.sparkact.layers.params.MaxoutParamInitializer;
import io.sparkact.layers.runtime.Maxout;
import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Maxout (Goodfellow et al. 2013, "Maxout Networks", eq. 1): a dense layer nIn → nOut whose every output
 * is the maximum of k affine pieces, {@code z_{j,i} = x·W_{:,(j,i)} + b_{(j,i)}},
 * {@code out_j = max_i z_{j,i}}. It replaces a dense layer plus activation, so it has weights, not just
 * an element-wise function.
 *
 * <p>Configuration only (immutable, JSON-serialisable); the runtime layer is {@link Maxout}, parameters
 * {@code W [nIn, nOut·k]} and {@code b [1, nOut·k]} come from {@link MaxoutParamInitializer}. Column
 * {@code j·k + i} holds piece i of unit j (the layout of PyTorch's usual {@code view(..., nOut, k).max(-1)}).
 * nIn is optional (inferred from the input type); the inherited activation is fixed to identity and not
 * applied.
 */
public final class MaxoutLayer extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** Catalogue name. */
    public static final String NAME = "maxout";

    /** Pieces per unit; 1 would be a plain linear layer, more than 16 only multiplies the cost. */
    public static final Param PIECES = Param.integer("pieces", 2, Range.closed(2, 16),
            "number of affine pieces whose maximum each unit outputs");

    /** Every parameter of this layer, in spec order. */
    public static final List<Param> PARAMS = List.of(PIECES);

    @JsonProperty("pieces")
    private int pieces = 2;

    private MaxoutLayer() {
        // Jackson
    }

    private MaxoutLayer(Builder builder) {
        super(builder);
        this.pieces = builder.pieces;
        initializeConstraints(builder);
    }

    /** Number of pieces k per output unit. */
    public int getPieces() {
        return pieces;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("MaxoutLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return Instantiation.wire(new Maxout(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return MaxoutParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        // Training holds the k-times-wider pre-activations next to the output.
        return new LayerMemoryReport.Builder(layerName, MaxoutLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, nOut * pieces, 0, nOut * pieces + outputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    // DL4J compares layer configurations (Lombok equals in its base classes); include our own field
    @Override
    public boolean equals(Object o) {
        return o instanceof MaxoutLayer && super.equals(o) && pieces == ((MaxoutLayer) o).pieces;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + pieces;
    }

    /** Builder: {@code new MaxoutLayer.Builder().nOut(64).pieces(3).build()}; nIn optional. */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {

        private int pieces = (Integer) PIECES.defaultValue();

        public Builder() {
            this.activationFn = new ActivationIdentity();
        }

        /** Pieces per unit, an integer in [2, 16]. */
        public Builder pieces(int pieces) {
            this.pieces = pieces;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MaxoutLayer build() {
            PIECES.check(NAME, pieces);
            if (nOut < 1) {
                throw Param.invalid(NAME, "nOut", Long.toString(nOut), "nOut >= 1");
            }
            if (nIn < 0) {
                throw Param.invalid(NAME, "nIn", Long.toString(nIn), "nIn >= 1, or unset to infer it");
            }
            return new MaxoutLayer(this);
        }
    }
}
