package io.sparkact.registry;

import io.sparkact.data.FeatureEncoding;
import io.sparkact.models.ModelSpec;
import io.sparkact.models.ModelType;
import io.sparkact.models.TableUpdater;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * What a model's manifest.json (written by train and retrain) says about how to use the model: its feature
 * encoding (so scoring and warm starts hash and transform exactly as training did, never refitted) and its
 * model spec (architecture and optimiser settings).
 */
public final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** The manifest's {@code feature_encoding}. */
    public static FeatureEncoding encoding(Map<String, Object> manifest, Object where) throws IOException {
        Object enc = require(manifest, "feature_encoding", where);
        return FeatureEncoding.fromJson(JSON.writeValueAsString(enc));
    }

    /** The manifest's {@code model}: the spec the graph in model.zip was built from. */
    @SuppressWarnings("unchecked")
    public static ModelSpec modelSpec(Map<String, Object> manifest, Object where) throws IOException {
        Map<String, Object> m = (Map<String, Object>) require(manifest, "model", where);
        try {
            ModelSpec.Builder b = ModelSpec.builder();
            if (m.get("attention_activation") != null) {
                b.attentionActivation((String) m.get("attention_activation"))
                        .attentionHidden(((List<Number>) m.get("attention_hidden")).stream().map(Number::intValue).toList());
            }
            if (m.get("sequence_length") != null) {
                b.sequence(num(m, "sequence_length").intValue(), ((List<Number>) m.get("candidate_positions")).stream()
                        .mapToInt(Number::intValue).toArray());
            }
            return b.type(ModelType.parse((String) m.get("type")))
                    .activation((String) m.get("activation"))
                    .hidden(((List<Number>) m.get("hidden")).stream().map(Number::intValue).toList())
                    .embeddingDim(num(m, "embedding_dim").intValue()).dropout(num(m, "dropout").doubleValue())
                    .hashBuckets(num(m, "hash_buckets").intValue())
                    .categoricalFields(num(m, "categorical_fields").intValue())
                    .bucketFields(m.get("bucket_fields") == null ? 0 : num(m, "bucket_fields").intValue())
                    .numericInputs(num(m, "numeric_inputs").intValue())
                    .learningRate(num(m, "learning_rate").doubleValue()).l2(num(m, "l2").doubleValue())
                    .mbaL2(m.get("mba_l2") == null ? 0.0 : num(m, "mba_l2").doubleValue())
                    .embeddingUpdater(m.get("embedding_updater") == null ? TableUpdater.ADAM
                            : TableUpdater.parse((String) m.get("embedding_updater")))
                    .embeddingLearningRate(m.get("embedding_learning_rate") == null
                            ? ModelSpec.DEFAULT_EMBEDDING_LEARNING_RATE : num(m, "embedding_learning_rate").doubleValue())
                    .seed(num(m, "seed").longValue()).build();
        } catch (RuntimeException e) {
            throw new IOException("manifest " + where + " has an unusable model section " + m + ": " + e.getMessage(), e);
        }
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("model." + key + " is " + v + ", not a number");
        }
        return (Number) v;
    }

    private static Object require(Map<String, Object> manifest, String key, Object where) throws IOException {
        Object v = manifest.get(key);
        if (v == null) {
            throw new IOException("manifest " + where + " has no " + key + "; it was not written by sparkact train/retrain");
        }
        return v;
    }
}
