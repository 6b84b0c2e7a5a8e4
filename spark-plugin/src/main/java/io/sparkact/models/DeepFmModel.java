package io.sparkact.models;

import io.sparkact.layers.EmbeddingLookupLayer;
import io.sparkact.vertices.FmVertex;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DeepFM (Guo et al., "DeepFM: A Factorization-Machine based Neural Network for CTR Prediction", IJCAI
 * 2017): {@code p = sigmoid(y_FM + y_DNN)}, where the factorisation machine and the deep tower read the
 * SAME field embeddings.
 *
 * <ul>
 *   <li>y_FM = first-order term + second-order term (eq. 2), computed by {@link FmVertex} ({@code fm}):
 *     first order is a per-field, per-id scalar weight (an embedding of size 1, {@code emb_1st}, read through
 *     {@code emb_1st_flat}) summed over the fields, plus a linear term of the numeric inputs ({@code num_1st},
 *     no bias); second order is Σ_{i&lt;j}⟨v_i, v_j⟩ over the categorical fields' embeddings {@code emb}.</li>
 *   <li>y_DNN: exactly {@link DnnModel}'s tower ({@code emb_flat} merged with {@code num}, hidden blocks
 *     {@code h0_0}, … with {@code model.activation} and dropout, so the health probe finds them), then a
 *     linear unit {@code deep_logit} (eq. 3's output unit), whose bias is the model's only bias.</li>
 *   <li>{@code logit} adds the two; {@code out} is a parameter-free LossLayer: sigmoid + binary cross-entropy.
 *     (An OutputLayer would put a trainable weight on each summand instead of summing the logits.) Its
 *     sigmoid is {@link LossLayerSigmoid}, without which DL4J reports a wrong training loss.</li>
 * </ul>
 *
 * <p>The first-order weights start at 0, as is usual for a factorisation machine's linear part (it is convex
 * in them); Xavier would add noise to the first logits (std ≈ 0.7 per numeric input for a [3, 1] layer).
 * Measured on a 4,000-row synthetic set, single process, Adam 0.01: validation logloss after epoch 1 0.491
 * with Xavier, 0.473 with zeros (dnn: 0.455); after epoch 3 0.442 and 0.439 (dnn 0.434).
 *
 * <p>The shared embeddings start from N(0, {@value #EMBEDDING_INIT_STD}²), not from the Xavier init the other
 * layers get. DL4J's Xavier for an embedding layer uses fan-in 1 (a one-hot row has one non-zero input), so
 * each entry has std √(2/(1 + dim)) ≈ 0.34 at dim 16: harmless in the tower, whose first layer is scaled to its
 * width, but the pairwise sum has no such scale. Each ⟨v_i, v_j⟩ then has std ≈ √dim·σ² ≈ 0.47 and the 325
 * pairs of 26 fields sum to a logit of std ≈ √(pairs·dim)·σ² ≈ 8.5 before any training (measured: −20…+46 on
 * generated validation rows, logloss 2.79), from which the model never recovered (AUC 0.705 against dnn's
 * 0.778 on 300k generated rows). Factorisation machines start their factors from a small normal instead
 * (Rendle, "Factorization Machines with libFM", ACM TIST 2012: init_stdev, 0.1 by default for few fields);
 * with σ = {@value #EMBEDDING_INIT_STD} the pairwise logit starts with std ≈ 0.007 at 26 fields, so y_FM starts
 * near 0 like the first-order term (and the model starts as its deep tower), and Adam moves the shared rows
 * to the scale the data asks for within a few steps of the learning rate. Measured on those 300k rows (train
 * job, local[2], 3 epochs): AUC 0.7671, logloss 0.2829 (σ = 0.1: 0.7612), still 0.011 below dnn's 0.7780.
 *
 * <p>Numeric bucket fields (features.numeric_buckets: one embedded field per numeric column, after the
 * categorical columns' fields, {@link ModelSpec#bucketFields()}) are first-order terms and tower inputs but not
 * in the pairwise sum: {@link FmVertex} gets {@code pairFields} = the categorical columns. Bucketing came after
 * this class and silently put its fields into the pairs (39 fields and 741 pairs on Criteo's layout instead of 26
 * and 325), against the design of the next paragraph. Measured on 300k generated rows (train job, local[2],
 * learning rate 0.005 halved per epoch, 4 epochs, training.mba_l2 = 3): AUC 0.7992 with the bucket pairs,
 * 0.8012 without; against the generator's truth the model's logit then carries 0.66 of the pairwise term instead
 * of 0.49 (regression of the logit on the truth's parts). Models saved before keep their vertex (pairFields 0,
 * every field), so they score as they were trained.
 *
 * <p>Numeric inputs enter the FM part only as a linear term, not as value-scaled embedded "fields"
 * (the paper's x_i·v_i). Reasons: the deep tower already sees them and can model their interactions
 * non-linearly; a value-scaled embedding makes a pairwise term linear in a transformed count (log1p or
 * standardised), which is only as good as the transform; and keeping the FM part on one-hot fields keeps
 * it the classic one (DeepCTR's DeepFM does the same). Categorical fields
 * are required: without them there are no pairwise interactions ({@link ModelSpec} refuses the spec).
 */
public final class DeepFmModel {

    /** Vertex names beyond {@link DnnModel}'s. */
    public static final String FIRST_ORDER_EMBEDDING = "emb_1st";
    public static final String FM = "fm";
    public static final String DEEP_LOGIT = "deep_logit";
    /** Standard deviation of the shared embeddings at initialisation (see the class comment). */
    public static final double EMBEDDING_INIT_STD = 0.01;

    private DeepFmModel() {
    }

    /** The configuration ({@link Models#build} builds it). {@code spec.type()} is not consulted. */
    public static ComputationGraphConfiguration configuration(ModelSpec spec, DataType dataType, IUpdater updater) {
        if (spec.columnFields() == 0) {
            throw new IllegalArgumentException("deepfm needs at least 1 categorical field; the spec has none"
                    + (spec.bucketFields() > 0 ? " (only " + spec.bucketFields() + " numeric bucket fields)" : ""));
        }
        ComputationGraphConfiguration.GraphBuilder g = DnnModel.graphBuilder(spec, dataType, updater);
        List<InputType> types = new ArrayList<>(2);
        String towerOut = DnnModel.addTower(g, spec, DnnModel.addInputs(g, spec, types));
        g.addLayer(DEEP_LOGIT, new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), towerOut);

        List<String> fmInputs = new ArrayList<>(3);
        fmInputs.add(DnnModel.EMBEDDING);
        EmbeddingLookupLayer firstOrder = DnnModel.embedding(spec, 1);
        firstOrder.setWeightInitFn(new WeightInitConstant(0.0));
        g.addLayer(FIRST_ORDER_EMBEDDING, firstOrder, DnnModel.CAT_INPUT);
        g.addVertex("emb_1st_flat", new ReshapeVertex(-1, spec.categoricalFields()), FIRST_ORDER_EMBEDDING);
        fmInputs.add("emb_1st_flat");
        if (spec.numericInputs() > 0) {
            g.addLayer("num_1st", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).hasBias(false)
                    .weightInit(new WeightInitConstant(0.0)).build(), DnnModel.NUM_INPUT);
            fmInputs.add("num_1st");
        }
        // pairs among the categorical columns only: bucket fields (after them) are first-order and tower inputs
        g.addVertex(FM, new FmVertex(spec.bucketFields() > 0 ? spec.columnFields() : 0), fmInputs.toArray(new String[0]));

        g.addVertex("logit", new ElementWiseVertex(ElementWiseVertex.Op.Add), FM, DEEP_LOGIT);
        g.addLayer(DnnModel.OUTPUT, new LossLayer.Builder(LossFunctions.LossFunction.XENT)
                .activation(new LossLayerSigmoid()).build(), "logit");
        g.setOutputs(DnnModel.OUTPUT).setInputTypes(types.toArray(new InputType[0]));
        ComputationGraphConfiguration conf = g.build();
        DnnModel.embeddingConf(conf, DnnModel.EMBEDDING)
                .setWeightInitFn(new WeightInitDistribution(new NormalDistribution(0.0, EMBEDDING_INIT_STD)));
        return conf;
    }
}
