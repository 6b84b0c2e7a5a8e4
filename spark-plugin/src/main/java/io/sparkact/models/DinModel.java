package io.sparkact.models;

import io.sparkact.models.din.BehaviourPairVertex;
import io.sparkact.models.din.InterestPoolVertex;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Deep Interest Network (Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD 2018):
 * the history and the candidate share one embedding table; a local activation unit scores each behaviour
 * against the candidate; the behaviours are pooled by those scores (weighted sum, no softmax, padded positions
 * masked) and the pooled interest joins the field embeddings and numerics in the MLP tower.
 *
 * <p>Graph (names other code may rely on): {@code cat} {@code [b, nCat + L·k]} with its feature mask →
 * {@code emb} (the shared {@link io.sparkact.layers.EmbeddingLookupLayer}, NWC) → {@code att_pairs} ({@link BehaviourPairVertex},
 * {@code [b·L, 4D]}) → {@code att0_0}, {@code att0_1}, … (one block per {@code model.attention_hidden} width,
 * activation {@code model.attention_activation}, built as the tower's blocks are, so Dice and PReLU are layers)
 * → {@code att_score} (one linear unit) → {@code pool} ({@link InterestPoolVertex}, weighted, inputs
 * {@code emb} and {@code att_score}) → {@code merge} with {@code num} → tower {@code h0_0}, … with
 * {@code model.activation} → {@code out} (sigmoid). The tower is the dnn's, so the health probe sees the same
 * hidden layers; the activation unit's layers are not probed.
 *
 * <p>Dice in the activation unit normalises over the b·L (example, position) rows of a minibatch, padded
 * positions included (their rows are [0, c, −c, 0]); their scores are masked in the pooling, so they change
 * the statistics, not the pooled value.
 */
public final class DinModel {

    /** Vertex names of the attention part. */
    public static final String PAIRS = "att_pairs";
    public static final String SCORE = "att_score";
    public static final String POOL = "pool";

    private DinModel() {
    }

    /** The configuration (built through {@link Models}). */
    static ComputationGraphConfiguration configuration(ModelSpec spec, DataType dataType, IUpdater updater) {
        int nCat = spec.categoricalFields();
        int dim = spec.embeddingDim();
        ComputationGraphConfiguration.GraphBuilder g = DnnModel.graphBuilder(spec, dataType, updater);
        g.addInputs(DnnModel.CAT_INPUT);
        g.addLayer(DnnModel.EMBEDDING, DnnModel.embedding(spec, dim), DnnModel.CAT_INPUT);
        g.addVertex(PAIRS, new BehaviourPairVertex(nCat, spec.sequenceLength(), spec.candidatePositions(), dim),
                DnnModel.EMBEDDING);
        String prev = PAIRS;
        for (int i = 0; i < spec.attentionHidden().size(); i++) {
            List<Layer> block = spec.attentionActivation().hiddenBlock(spec.attentionHidden().get(i));
            for (int j = 0; j < block.size(); j++) {
                String name = "att" + i + "_" + j;
                g.addLayer(name, block.get(j), prev);
                prev = name;
            }
        }
        g.addLayer(SCORE, new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), prev);
        g.addVertex(POOL, new InterestPoolVertex(nCat, spec.sequenceLength(), spec.candidatePositions(), dim, true),
                DnnModel.EMBEDDING, SCORE);
        String features = POOL;
        if (spec.numericInputs() > 0) {
            g.addInputs(DnnModel.NUM_INPUT);
            g.addVertex("merge", new MergeVertex(), POOL, DnnModel.NUM_INPUT);
            features = "merge";
        }
        g.addLayer(DnnModel.OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .activation(Activation.SIGMOID).nOut(1).build(), DnnModel.addTower(g, spec, features));
        InputType cat = InputType.feedForward(DnnModel.inputLength(spec));
        g.setOutputs(DnnModel.OUTPUT);
        if (spec.numericInputs() > 0) {
            g.setInputTypes(cat, InputType.feedForward(spec.numericInputs()));
        } else {
            g.setInputTypes(cat);
        }
        return g.build();
    }
}
