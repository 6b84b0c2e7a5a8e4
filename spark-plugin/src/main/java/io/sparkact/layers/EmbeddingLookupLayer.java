package io.sparkact.layers;

import io.sparkact.layers.params.EmbeddingLookupParamInitializer;
import io.sparkact.layers.runtime.EmbeddingLookup;
import io.sparkact.params.Param;
import io.sparkact.params.Range;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A table lookup for a fixed number of categorical positions: input {@code [batch, inputLength]} holding row
 * indices in {@code [0, vocabulary)} (stored as floating point, as DL4J feeds them), output NWC
 * {@code [batch, inputLength, dim]} whose position p is row {@code index[p]} of the table {@code W}
 * ({@code [vocabulary, dim]}, no bias, no activation). The same contract as DL4J's {@code EmbeddingSequenceLayer}
 * built with {@code hasBias(false)}, {@code outputDataFormat(NWC)} and a fixed {@code inputLength}, and the same
 * parameter: key {@code W}, the same layout in the flat parameter vector and the same initialisation
 * ({@link EmbeddingLookupParamInitializer}), so the two hold interchangeable parameters.
 *
 * <p>Why a layer of our own: DL4J's backprop accumulates the table gradient with {@code Nd4j.scatterUpdate},
 * which creates a small native array per updated index and takes two process-wide libnd4j locks for each
 * (ConstantShapeHelper, LaunchContext): 55% of a trial's CPU in the sweep's trial-parallel mode (issue 10's
 * profile). The runtime ({@link EmbeddingLookup}) gathers and scatters in plain Java loops over the native
 * buffers instead; measured on the sweep bench's data (quickstart dnn, 39 fields, dim 8, batch 256, one ND4J
 * thread): 54 → 24 µs of training-thread CPU per example. One native scatter_add op for all indices instead
 * of the loop was 5× slower there (and, on the 'f'-ordered table, did not reproduce the loop's values).
 *
 * <p>Unlike DL4J's layer the vocabulary is never taken from the input type: {@code setInputTypes} hands an
 * embedding its input WIDTH (inputLength), which DL4J's layer stores as its vocabulary (STACK.md); here the
 * width is checked against {@code inputLength} instead.
 */
public final class EmbeddingLookupLayer extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** Owner name in error messages. */
    public static final String NAME = "embedding";

    /** Rows of the table (nIn): the number of distinct indices, e.g. hash buckets. */
    public static final Param VOCABULARY = Param.integer("vocabulary", 0, Range.atLeast(1),
            "rows of the embedding table (nIn): indices must lie in [0, vocabulary)");
    /** Width of each row (nOut). */
    public static final Param DIM = Param.integer("dim", 0, Range.atLeast(1),
            "width of each embedding row (nOut)");
    /** Indices per example. */
    public static final Param INPUT_LENGTH = Param.integer("inputLength", 0, Range.atLeast(1),
            "indices per example: the input is [batch, inputLength]");

    /**
     * Strength λ of the mini-batch aware L2 on the table (Zhou et al., "Deep Interest Network for Click-Through
     * Rate Prediction", KDD 2018, section 4.3.1): each update adds λ·w_j / n_j to the gradient of every row j
     * that occurs in the minibatch, n_j being row j's number of occurrences in the training data (the
     * parameter {@value io.sparkact.layers.params.EmbeddingLookupParamInitializer#INVERSE_COUNT_KEY} holds
     * 1 / n_j). Over an epoch each row is pulled towards 0 about λ·w_j in all, however often it occurs: a prior
     * of the same strength for every id, where a dense L2 pulls rarely seen rows much further than their data.
     * 0 (the default) switches it off: the table is then a weight like any other (the network's L2 applies).
     */
    public static final Param FREQUENCY_L2 = Param.real("frequencyL2", 0.0, Range.atLeast(0),
            "mini-batch aware L2 strength on the table rows present in a minibatch (0 = off)");

    /** Every parameter of this layer, in builder order (vocabulary, dim and inputLength are required). */
    public static final List<Param> PARAMS = List.of(VOCABULARY, DIM, INPUT_LENGTH, FREQUENCY_L2);

    @JsonProperty("inputLength")
    private int inputLength;

    /** See {@link #FREQUENCY_L2}; absent from the JSON of models saved before it existed (read as 0). */
    @JsonProperty("frequencyL2")
    private double frequencyL2;

    private EmbeddingLookupLayer() {
        // Jackson
    }

    private EmbeddingLookupLayer(Builder builder) {
        super(builder);
        this.inputLength = builder.inputLength;
        this.frequencyL2 = builder.frequencyL2;
        initializeConstraints(builder);
    }

    /** Indices per example. */
    public int getInputLength() {
        return inputLength;
    }

    /** Mini-batch aware L2 strength λ ({@link #FREQUENCY_L2}); 0 = off. */
    public double getFrequencyL2() {
        return frequencyL2;
    }

    /** Whether the layer has the inverse-count parameter and regularises its table per minibatch. */
    public boolean hasFrequencyL2() {
        return frequencyL2 > 0;
    }

    /**
     * With the mini-batch aware L2 on, the table has no other regularisation (the network's L1/L2 would pull every
     * row every step, the per-occurrence behaviour it replaces) and the inverse counts none at all.
     */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY.equals(paramName)
                || (hasFrequencyL2() && EmbeddingLookupParamInitializer.WEIGHT_KEY.equals(paramName))) {
            return List.of();
        }
        return super.getRegularizationByParam(paramName);
    }

    /** The inverse counts are data, not learned: no updater (their gradient is always 0). */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY.equals(paramName)) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return Instantiation.wire(new EmbeddingLookup(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return EmbeddingLookupParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkWidth(inputType);
        return InputType.recurrent(nOut, inputLength, RNNFormat.NWC);
    }

    /** Checks the input width; the vocabulary (nIn) is configuration, never inferred (class comment). */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        checkWidth(inputType);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        checkWidth(inputType);
        return null;
    }

    private void checkWidth(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)
                || ((InputType.InputTypeFeedForward) inputType).getSize() != inputLength) {
            throw new IllegalStateException(NAME + " layer (name \"" + getLayerName() + "\") expects feed-forward"
                    + " input of width inputLength = " + inputLength + " (indices per example); got " + inputType);
        }
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    // DL4J compares layer configurations (Lombok equals in its base classes); include our own field
    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingLookupLayer && super.equals(o)
                && inputLength == ((EmbeddingLookupLayer) o).inputLength
                && Double.compare(frequencyL2, ((EmbeddingLookupLayer) o).frequencyL2) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + inputLength) + Double.hashCode(frequencyL2);
    }

    /**
     * Builder: {@code new EmbeddingLookupLayer.Builder().vocabulary(1000).dim(16).inputLength(26).build()}.
     * {@code nIn}/{@code nOut} are synonyms of vocabulary/dim. The activation is fixed to identity (a
     * network-wide default activation must not leak into a lookup, as DL4J's embedding builders also ensure).
     */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {

        private int inputLength;
        private double frequencyL2;

        public Builder() {
            this.activationFn = new ActivationIdentity();
        }

        /** Rows of the table, at least 1 (same as {@code nIn}). */
        public Builder vocabulary(int vocabulary) {
            return nIn(vocabulary);
        }

        /** Width of each row, at least 1 (same as {@code nOut}). */
        public Builder dim(int dim) {
            return nOut(dim);
        }

        /** Indices per example, at least 1. */
        public Builder inputLength(int inputLength) {
            this.inputLength = inputLength;
            return this;
        }

        /** Mini-batch aware L2 strength λ ≥ 0 on the table ({@link #FREQUENCY_L2}); 0 (default) = off. */
        public Builder frequencyL2(double frequencyL2) {
            this.frequencyL2 = frequencyL2;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public EmbeddingLookupLayer build() {
            VOCABULARY.check(NAME, checkedInt(VOCABULARY, nIn));
            DIM.check(NAME, checkedInt(DIM, nOut));
            INPUT_LENGTH.check(NAME, inputLength);
            FREQUENCY_L2.check(NAME, frequencyL2);
            if (nIn * nOut > Integer.MAX_VALUE) {
                // the runtime addresses the table through one Java buffer, whose index is an int
                throw Param.invalid(NAME, "vocabulary*dim", Long.toString(nIn * nOut),
                        "at most " + Integer.MAX_VALUE + " table entries");
            }
            if (!(activationFn instanceof ActivationIdentity)) {
                throw Param.invalid(NAME, "activation", String.valueOf(activationFn), "identity (a lookup has none)");
            }
            if (iDropout != null) {
                throw Param.invalid(NAME, "dropout", String.valueOf(iDropout), "none (the input is indices)");
            }
            return new EmbeddingLookupLayer(this);
        }

        private static int checkedInt(Param p, long v) {
            if (v > Integer.MAX_VALUE) {
                throw p.invalid(NAME, Long.toString(v), p.describeRange() + " and at most " + Integer.MAX_VALUE);
            }
            return (int) v;
        }
    }
}
