package io.sparkact.models;

import io.sparkact.layers.EmbeddingLookupLayer;
import io.sparkact.models.din.InterestPoolVertex;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The embedding + MLP CTR model ("dnn"; Covington et al. 2016, Cheng et al. "Wide &amp; Deep" 2016 without
 * the wide part): every categorical field's bucket index is looked up in one shared embedding table,
 * the embeddings are concatenated with the numeric inputs and fed through the hidden blocks of the
 * spec's activation, then a single sigmoid unit trained with binary cross-entropy.
 *
 * <p>Graph: {@code cat} → {@code emb} ({@link EmbeddingLookupLayer}, NWC output {@code [b, nCat, dim]}) →
 * {@code emb_flat} (ReshapeVertex to {@code [b, nCat·dim]}) → {@code merge} (MergeVertex with {@code num})
 * → {@code h0_0}, {@code h0_1}, … (one block per hidden width) → {@code out}. Inputs whose count is 0 are
 * left out, in the order cat, num. With a behaviour sequence (the encoding's categorical input is then
 * {@code [b, nCat + L·k]} with a feature mask) {@code emb_flat} is an {@link InterestPoolVertex} that sums
 * the unmasked behaviours into one more field: the sum-pooling baseline of DIN ({@link DinModel}).
 */
public final class DnnModel {

    /** Vertex names that other code (health probe, tests) may rely on. */
    public static final String CAT_INPUT = "cat";
    public static final String NUM_INPUT = "num";
    public static final String EMBEDDING = "emb";
    public static final String OUTPUT = "out";

    private DnnModel() {
    }

    /** The model in float precision with Adam(learning rate): what training uses. */
    public static ComputationGraph build(ModelSpec spec) {
        return build(spec, DataType.FLOAT, new Adam(spec.learningRate()));
    }

    /** The model with a chosen precision and updater (double + NoOp for gradient checks). */
    public static ComputationGraph build(ModelSpec spec, DataType dataType, IUpdater updater) {
        ComputationGraphConfiguration conf = configuration(spec, dataType, updater);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** The configuration alone (its JSON is what evaluation broadcasts). */
    public static ComputationGraphConfiguration configuration(ModelSpec spec, DataType dataType, IUpdater updater) {
        if (spec.type() != ModelType.DNN) {
            return Models.configuration(spec, dataType, updater);   // callers that predate Models
        }
        ComputationGraphConfiguration.GraphBuilder g = graphBuilder(spec, dataType, updater);
        List<InputType> types = new ArrayList<>(2);
        String prev = addTower(g, spec, addInputs(g, spec, types));
        g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .activation(Activation.SIGMOID).nOut(1).build(), prev);
        g.setOutputs(OUTPUT).setInputTypes(types.toArray(new InputType[0]));
        return g.build();
    }

    /** Seed, precision, updater, weight init and L2 shared by every model family. */
    static ComputationGraphConfiguration.GraphBuilder graphBuilder(ModelSpec spec, DataType dataType, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed()).dataType(dataType).updater(updater).weightInit(WeightInit.XAVIER)
                .l2(spec.l2()).graphBuilder();
    }

    /**
     * Adds the inputs of the contract (package-info) and the embedding of the categorical fields, adds each
     * input's type to {@code types}, and returns the vertex the tower reads: the flattened embeddings merged
     * with the numeric inputs.
     */
    static String addInputs(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, List<InputType> types) {
        int nCat = spec.categoricalFields();
        int nNum = spec.numericInputs();
        List<String> features = new ArrayList<>(2);
        if (nCat > 0) {
            types.add(InputType.feedForward(inputLength(spec)));
            g.addInputs(CAT_INPUT);
            g.addLayer(EMBEDDING, embedding(spec, spec.embeddingDim()), CAT_INPUT);
            if (spec.hasSequence()) {
                // the baseline for DIN: the history sum-pooled (masked) as one more field
                g.addVertex("emb_flat", new InterestPoolVertex(nCat, spec.sequenceLength(), spec.candidatePositions(),
                        spec.embeddingDim(), false), EMBEDDING);
            } else {
                // NWC keeps each field's vector contiguous, so the reshape is a view, not a permuted copy
                g.addVertex("emb_flat", new ReshapeVertex(-1, nCat * spec.embeddingDim()), EMBEDDING);
            }
            features.add("emb_flat");
        }
        if (nNum > 0) {
            types.add(InputType.feedForward(nNum));
            g.addInputs(NUM_INPUT);
            features.add(NUM_INPUT);
        }
        if (features.size() == 1) {
            return features.get(0);
        }
        g.addVertex("merge", new MergeVertex(), features.toArray(new String[0]));
        return "merge";
    }

    /**
     * Adds the hidden blocks {@code h0_0}, {@code h0_1}, … (the names io.sparkact.health relies on) after
     * {@code input}, with the spec's activation and dropout; returns the last block's last vertex.
     */
    static String addTower(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, String input) {
        String prev = input;
        for (int i = 0; i < spec.hidden().size(); i++) {
            List<Layer> block = spec.activation().hiddenBlock(spec.hidden().get(i));
            for (int j = 0; j < block.size(); j++) {
                Layer layer = block.get(j);
                if (spec.dropout() > 0 && j == 0) {
                    // DL4J's Dropout takes the RETAIN probability; it applies to this layer's input
                    layer.setIDropout(new Dropout(1.0 - spec.dropout()));
                }
                String name = "h" + i + "_" + j;
                g.addLayer(name, layer, prev);
                prev = name;
            }
        }
        return prev;
    }

    /**
     * An embedding of every categorical input position into {@code dim} values, NWC output
     * {@code [b, inputLength, dim]} (the fields, then the sequence ids when there is a sequence). Its vocabulary
     * is the spec's hash buckets and survives setInputTypes (DL4J's EmbeddingSequenceLayer, which models saved
     * before issue 10 hold, took the input width as its vocabulary there).
     */
    static EmbeddingLookupLayer embedding(ModelSpec spec, int dim) {
        EmbeddingLookupLayer.Builder b = new EmbeddingLookupLayer.Builder()
                .vocabulary(spec.hashBuckets()).dim(dim).inputLength(inputLength(spec)).frequencyL2(spec.mbaL2());
        if (spec.mbaL2() > 0) {
            // The mini-batch aware L2 pulls a row only when it occurs, so a rare row keeps most of its initial value:
            // start near 0 (as DeepFM's shared embeddings do) instead of Xavier's std 0.34 for a one-hot input.
            b.weightInit(new WeightInitDistribution(new NormalDistribution(0.0, DeepFmModel.EMBEDDING_INIT_STD)));
        }
        IUpdater own = spec.embeddingUpdater().tableUpdater(spec.embeddingLearningRate());
        if (own != null) {
            b.updater(own);   // a layer's own updater wins over the graph's Adam; invCount keeps its NoOp
        }
        return b.build();
    }

    /** Width of the categorical input: the fields, then L·k sequence ids when there is a sequence. */
    static int inputLength(ModelSpec spec) {
        return spec.categoricalFields() + spec.sequenceLength() * spec.sequenceFields();
    }

    /**
     * The embedding layer's configuration in a graph built here: an {@link EmbeddingLookupLayer}, or DL4J's
     * EmbeddingSequenceLayer in a model saved before issue 10 (both are FeedForwardLayers: nIn is the vocabulary,
     * nOut the width).
     */
    public static FeedForwardLayer embeddingConf(ComputationGraphConfiguration conf) {
        return embeddingConf(conf, EMBEDDING);
    }

    /** The configuration of the embedding layer named {@code vertex}. */
    static FeedForwardLayer embeddingConf(ComputationGraphConfiguration conf, String vertex) {
        org.deeplearning4j.nn.conf.graph.LayerVertex v =
                (org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get(vertex);
        return (FeedForwardLayer) v.getLayerConf().getLayer();
    }
}
