package io.sparkact.models;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.ActivationSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model builder needs: model family, activation, hidden widths, embedding size, dropout,
 * the input layout the encoder produced, and the optimiser's hyper-parameters (Adam).
 *
 * <p>Immutable and validated in one place ({@link Builder#build()}): an error names the config key, the
 * value and the rule, e.g. {@code model.hidden given invalid value [0]; allowed: positive layer widths}.
 * Defaults follow ARCHITECTURE.md: hidden [256,128,64], embedding_dim 16, dropout 0, learning_rate
 * 0.001, seed 42; l2 is 1e-4, not ARCHITECTURE.md's 0 (see {@link #DEFAULT_L2}).
 */
public final class ModelSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Default L2 on every weight, the embedding table included. Without it the 100,000 x 16 shared
     * embedding table (1.6M parameters) memorises rare ids. Measured with a single-process fit of this
     * graph on 80k synthetic rows (oracle AUC 0.8165), batch 512, Adam 0.001, val AUC after epochs 1/2/3:
     * l2 0, minibatches in row order: 0.757 / 0.760 / 0.742 (epoch 3 train loss 0.234, val logloss 0.301);
     * l2 0, minibatches shuffled each epoch: 0.754 / 0.760 / 0.753 (so the order is not the cause);
     * l2 1e-4, shuffled: 0.760 / 0.774 / 0.776, val logloss still falling (0.276 / 0.274 /
     * 0.272); l2 1e-3: 0.753 after epoch 1. Fewer hash buckets do not help (10,000, l2 0: best 0.758).
     * Through SparkTrainer (parameter averaging, local[2], same data) l2 1e-4 gives 0.764 after 3 epochs,
     * and 0.778 at 300k rows (oracle 0.814; l2 0 gave 0.7545 there): better, but still 0.036 below the oracle.
     */
    public static final double DEFAULT_L2 = 1e-4;

    /**
     * Default AdaGrad rate of the embedding tables with training.embedding_updater = adagrad: 10x the Adam rate of
     * {@code conf/deepfm-generated.conf} (0.005), the best of three measured there (300k generated rows, local[2],
     * val AUC): table rate 0.025 / 0.05 / 0.1 gave 0.8025 / 0.8039 / 0.8032 (Adam tables: 0.8031); with
     * training.seed = 7, 0.05 gave 0.8033 (Adam tables: 0.8035).
     */
    public static final double DEFAULT_EMBEDDING_LEARNING_RATE = 0.05;

    /** What training.embedding_learning_rate allows with Adam tables (see {@link #embeddingRateIgnored}). */
    public static final String EMBEDDING_RATE_WITH_ADAM = DEFAULT_EMBEDDING_LEARNING_RATE + " (the default) with "
            + "training.embedding_updater=adam, whose tables train at training.learning_rate; set "
            + "training.embedding_updater=adagrad to use it";

    /**
     * Whether a table rate other than the default comes with Adam tables, which would ignore it silently: refused
     * (here and, before Spark starts, by the jobs).
     */
    public static boolean embeddingRateIgnored(TableUpdater updater, double embeddingLearningRate) {
        return updater == TableUpdater.ADAM && embeddingLearningRate != DEFAULT_EMBEDDING_LEARNING_RATE;
    }

    private final ModelType type;
    private final String activation;
    private final List<Integer> hidden;
    private final int embeddingDim;
    private final double dropout;
    private final int hashBuckets;
    private final int categoricalFields;
    private final int bucketFields;
    private final int numericInputs;
    private final double learningRate;
    private final double l2;
    private final double mbaL2;
    private final TableUpdater embeddingUpdater;
    private final double embeddingLearningRate;
    private final long seed;
    private final String attentionActivation;
    private final List<Integer> attentionHidden;
    private final int sequenceLength;
    private final int[] candidatePositions;
    private transient ActivationSpec parsed;
    private transient ActivationSpec parsedAttention;

    private ModelSpec(Builder b) {
        this.type = b.type;
        this.activation = b.activation.toString();
        this.parsed = b.activation;
        this.hidden = Collections.unmodifiableList(new ArrayList<>(b.hidden));
        this.embeddingDim = b.embeddingDim;
        this.dropout = b.dropout;
        this.hashBuckets = b.hashBuckets;
        this.categoricalFields = b.categoricalFields;
        this.bucketFields = b.bucketFields;
        this.numericInputs = b.numericInputs;
        this.learningRate = b.learningRate;
        this.l2 = b.l2;
        this.mbaL2 = b.mbaL2;
        this.embeddingUpdater = b.embeddingUpdater;
        this.embeddingLearningRate = b.embeddingLearningRate;
        this.seed = b.seed;
        this.attentionActivation = b.attentionActivation.toString();
        this.parsedAttention = b.attentionActivation;
        this.attentionHidden = List.copyOf(b.attentionHidden);
        this.sequenceLength = b.sequenceLength;
        this.candidatePositions = b.candidatePositions.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ModelType type() { return type; }
    public List<Integer> hidden() { return hidden; }
    public int embeddingDim() { return embeddingDim; }
    public double dropout() { return dropout; }
    public int hashBuckets() { return hashBuckets; }
    public int categoricalFields() { return categoricalFields; }
    /**
     * How many of the {@link #categoricalFields()} embedded fields are numeric bucket fields
     * (features.numeric_buckets); they come after the categorical columns' fields. deepfm leaves them out of its
     * pairwise term. 0 without buckets, and in manifests written before the count was recorded.
     */
    public int bucketFields() { return bucketFields; }
    /** The embedded fields that are categorical columns: {@link #categoricalFields()} minus the bucket fields. */
    public int columnFields() { return categoricalFields - bucketFields; }
    public int numericInputs() { return numericInputs; }
    public double learningRate() { return learningRate; }
    public double l2() { return l2; }
    /**
     * Mini-batch aware L2 strength on the embedding tables (EmbeddingLookupLayer's frequencyL2); 0 = off, the tables
     * then get {@link #l2()} like every weight.
     */
    public double mbaL2() { return mbaL2; }
    /** The embedding tables' optimiser (training.embedding_updater); {@link TableUpdater#ADAM} = the network's. */
    public TableUpdater embeddingUpdater() { return embeddingUpdater; }
    /** The tables' learning rate with {@link TableUpdater#ADAGRAD} (training.embedding_learning_rate). */
    public double embeddingLearningRate() { return embeddingLearningRate; }
    public long seed() { return seed; }
    /** din: hidden widths of the local activation unit (its last layer, one linear unit, is not listed). */
    public List<Integer> attentionHidden() { return attentionHidden; }
    /** L, the padded behaviour-sequence length; 0 without sequences. */
    public int sequenceLength() { return sequenceLength; }
    /** k, the ids per behaviour (sequence columns); 0 without sequences. */
    public int sequenceFields() { return candidatePositions.length; }
    /** Position of each sequence column's candidate among the categorical fields (a copy). */
    public int[] candidatePositions() { return candidatePositions.clone(); }
    /** Whether the categorical input carries a behaviour sequence after the fields (width nCat + L·k). */
    public boolean hasSequence() { return candidatePositions.length > 0; }

    /** din: the activation of the local activation unit's hidden layers (default dice, as in the paper). */
    public ActivationSpec attentionActivation() {
        if (parsedAttention == null) {
            parsedAttention = ActivationCatalog.standard().parse(attentionActivation);
        }
        return parsedAttention;
    }

    /** The activation; re-parsed from its canonical text after deserialisation (specs are not Serializable). */
    public ActivationSpec activation() {
        if (parsed == null) {
            parsed = ActivationCatalog.standard().parse(activation);
        }
        return parsed;
    }

    /** The spec as config keys and values (for manifests and logs). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.configName());
        m.put("activation", activation);
        m.put("hidden", hidden);
        m.put("embedding_dim", embeddingDim);
        m.put("dropout", dropout);
        m.put("hash_buckets", hashBuckets);
        m.put("categorical_fields", categoricalFields);
        if (bucketFields > 0) {
            m.put("bucket_fields", bucketFields);   // absent = 0: manifests written before the key existed read the same
        }
        m.put("numeric_inputs", numericInputs);
        m.put("learning_rate", learningRate);
        m.put("l2", l2);
        if (mbaL2 > 0) {
            m.put("mba_l2", mbaL2);   // absent = 0: manifests written before the key existed read the same
        }
        if (embeddingUpdater != TableUpdater.ADAM) {
            // absent = adam: manifests written before the keys existed read the same
            m.put("embedding_updater", embeddingUpdater.configName());
            m.put("embedding_learning_rate", embeddingLearningRate);
        }
        m.put("seed", seed);
        if (type == ModelType.DIN) {
            m.put("attention_activation", attentionActivation);
            m.put("attention_hidden", attentionHidden);
        }
        if (hasSequence()) {
            m.put("sequence_length", sequenceLength);
            m.put("candidate_positions", java.util.Arrays.stream(candidatePositions).boxed().toList());
        }
        return m;
    }

    @Override
    public String toString() {
        return "ModelSpec" + toMap();
    }

    /** Mutable builder; {@link #build()} validates every field. */
    public static final class Builder {
        private ModelType type = ModelType.DNN;
        private ActivationSpec activation = ActivationCatalog.standard().parse("relu");
        private List<Integer> hidden = List.of(256, 128, 64);
        private int embeddingDim = 16;
        private double dropout = 0.0;
        private int hashBuckets = 100_000;
        private int categoricalFields;
        private int bucketFields;
        private int numericInputs;
        private double learningRate = 0.001;
        private double l2 = DEFAULT_L2;
        private double mbaL2;
        private TableUpdater embeddingUpdater = TableUpdater.ADAM;
        private double embeddingLearningRate = DEFAULT_EMBEDDING_LEARNING_RATE;
        private long seed = 42;
        private ActivationSpec attentionActivation = ActivationCatalog.standard().parse("dice");
        private List<Integer> attentionHidden = List.of(36);
        private int sequenceLength;
        private int[] candidatePositions = new int[0];

        private Builder() {
        }

        public Builder type(ModelType v) { type = Objects.requireNonNull(v, "model.type"); return this; }
        public Builder activation(ActivationSpec v) { activation = Objects.requireNonNull(v, "model.activation"); return this; }
        /** Parses an activation spec such as "lrelu6(alpha=0.02)" with the standard catalogue. */
        public Builder activation(String spec) { return activation(ActivationCatalog.standard().parse(spec)); }
        public Builder hidden(List<Integer> v) { hidden = Objects.requireNonNull(v, "model.hidden"); return this; }
        public Builder hidden(Integer... v) { return hidden(List.of(v)); }
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder hashBuckets(int v) { hashBuckets = v; return this; }
        public Builder categoricalFields(int v) { categoricalFields = v; return this; }
        /** How many of the categorical fields are numeric bucket fields, the last ones (see {@link #bucketFields()}). */
        public Builder bucketFields(int v) { bucketFields = v; return this; }
        public Builder numericInputs(int v) { numericInputs = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder l2(double v) { l2 = v; return this; }
        /** Mini-batch aware L2 on the embedding tables (training.mba_l2); 0 = off. */
        public Builder mbaL2(double v) { mbaL2 = v; return this; }
        /** The embedding tables' optimiser (training.embedding_updater). */
        public Builder embeddingUpdater(TableUpdater v) {
            embeddingUpdater = Objects.requireNonNull(v, "training.embedding_updater");
            return this;
        }
        /** The tables' AdaGrad rate (training.embedding_learning_rate). */
        public Builder embeddingLearningRate(double v) { embeddingLearningRate = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder attentionActivation(ActivationSpec v) {
            attentionActivation = Objects.requireNonNull(v, "model.attention_activation");
            return this;
        }
        /** Parses an activation spec with the standard catalogue. */
        public Builder attentionActivation(String spec) {
            return attentionActivation(ActivationCatalog.standard().parse(spec));
        }
        public Builder attentionHidden(List<Integer> v) {
            attentionHidden = Objects.requireNonNull(v, "model.attention_hidden");
            return this;
        }
        /**
         * The behaviour sequence the encoding appends to the categorical input: padded length L and the
         * position of each sequence column's candidate among the categorical fields (k = its length).
         */
        public Builder sequence(int length, int... candidates) {
            sequenceLength = length;
            candidatePositions = Objects.requireNonNull(candidates, "candidate positions").clone();
            return this;
        }

        /** Validates and builds; the first violated rule is reported with its config key. */
        public ModelSpec build() {
            if (type == ModelType.DEEPFM && candidatePositions.length > 0) {
                throw invalid("model.type", type.configName(), "dnn or din when the input has a behaviour sequence "
                        + "(input.schema.sequence_candidate); deepfm takes no sequence");
            }
            checkSequence();
            if (hidden.isEmpty() || hidden.stream().anyMatch(w -> w == null || w <= 0)) {
                throw invalid("model.hidden", hidden.toString(), "positive layer widths");
            }
            if (embeddingDim <= 0) {
                throw invalid("model.embedding_dim", Integer.toString(embeddingDim), "an integer >= 1");
            }
            if (!(dropout >= 0.0 && dropout < 1.0)) {
                throw invalid("model.dropout", Double.toString(dropout), "0 <= dropout < 1");
            }
            if (categoricalFields < 0) {
                throw invalid("categorical fields", Integer.toString(categoricalFields), "an integer >= 0");
            }
            if (numericInputs < 0) {
                throw invalid("numeric inputs", Integer.toString(numericInputs), "an integer >= 0");
            }
            if (categoricalFields + numericInputs == 0) {
                throw invalid("input.schema", "no categorical and no numeric inputs",
                        "at least one categorical or numeric input");
            }
            if (bucketFields < 0 || bucketFields > categoricalFields) {
                throw invalid("numeric bucket fields", Integer.toString(bucketFields),
                        "0.." + categoricalFields + " (at most the embedded fields)");
            }
            if (type == ModelType.DEEPFM && categoricalFields - bucketFields == 0) {
                // the factorisation machine's pairwise interactions are between categorical columns' embeddings
                throw invalid("model.type", type.configName(), "dnn when there are no categorical fields "
                        + "(deepfm needs at least 1; numeric bucket fields do not count)");
            }
            if (categoricalFields > 0 && hashBuckets <= 0) {
                throw invalid("features.hash_buckets", Integer.toString(hashBuckets), "an integer >= 1");
            }
            if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
                throw invalid("training.learning_rate", Double.toString(learningRate), "a finite number > 0");
            }
            if (!(l2 >= 0.0) || Double.isInfinite(l2)) {
                throw invalid("training.l2", Double.toString(l2), "a finite number >= 0");
            }
            if (!(mbaL2 >= 0.0) || Double.isInfinite(mbaL2)) {
                throw invalid("training.mba_l2", Double.toString(mbaL2), "a finite number >= 0 (0 = off)");
            }
            if (!(embeddingLearningRate > 0.0) || Double.isInfinite(embeddingLearningRate)) {
                throw invalid("training.embedding_learning_rate", Double.toString(embeddingLearningRate),
                        "a finite number > 0");
            }
            if (embeddingRateIgnored(embeddingUpdater, embeddingLearningRate)) {
                throw invalid("training.embedding_learning_rate", Double.toString(embeddingLearningRate),
                        EMBEDDING_RATE_WITH_ADAM);
            }
            return new ModelSpec(this);
        }

        private void checkSequence() {
            if (type == ModelType.DIN && candidatePositions.length == 0) {
                throw invalid("model.type", "din", "din only with a behaviour sequence: input.schema.sequence "
                        + "and input.schema.sequence_candidate (one categorical column per sequence column)");
            }
            if (attentionHidden.stream().anyMatch(w -> w == null || w <= 0)) {
                throw invalid("model.attention_hidden", attentionHidden.toString(), "positive layer widths");
            }
            if (candidatePositions.length > 0 && sequenceLength < 1) {
                throw invalid("input.schema.max_sequence_length", Integer.toString(sequenceLength), "an integer >= 1");
            }
            for (int p : candidatePositions) {
                if (p < 0 || p >= categoricalFields) {
                    throw invalid("input.schema.sequence_candidate", "position " + p,
                            "categorical fields 0.." + (categoricalFields - 1));
                }
            }
        }

        private static IllegalArgumentException invalid(String key, String value, String allowed) {
            return new IllegalArgumentException(key + " given invalid value " + value + "; allowed: " + allowed);
        }
    }
}
