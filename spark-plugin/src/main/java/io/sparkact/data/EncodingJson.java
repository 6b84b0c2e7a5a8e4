package io.sparkact.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link FeatureEncoding}, stored in the model manifest:
 * <pre>{@code
 * {"format":"sparkact.feature_encoding","version":1,"hash":"murmur3_x86_32","hash_seed":0,
 *  "hash_buckets":100000,"numeric_transform":"standardize","label":"label",
 *  "categorical":["C1","C2"],"numeric":["I1"],"id":[],
 *  "numeric_mean":[3.5],"numeric_std":[1.25],
 *  "sequence":["hist_item"],"sequence_candidate":["item"],"max_sequence_length":50,
 *  "numeric_bucket_edges":[[0.0,1.0,3.0]]}
 * }</pre>
 * {@code numeric_mean}/{@code numeric_std} are present only for standardize; the three sequence keys only
 * when sequences are encoded (an encoding without them reads back as none); {@code numeric_bucket_edges} (one
 * ascending list per numeric field, on raw values) only when numeric fields are bucketed (a manifest written
 * before buckets existed reads back as an encoding without them, so its model keeps working). Doubles are written in
 * Java's shortest round-trip form, so reading gives back the same bits. Uses ND4J's shaded Jackson, which
 * ships with the plugin, rather than Spark's, whose version depends on the cluster.
 */
final class EncodingJson {

    static final String FORMAT = "sparkact.feature_encoding";
    static final int VERSION = 1;
    static final String HASH = "murmur3_x86_32";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EncodingJson() { }

    static String write(FeatureEncoding e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("hash", HASH);
        o.put("hash_seed", FeatureEncoding.HASH_SEED);
        o.put("hash_buckets", e.hashBuckets());
        o.put("numeric_transform", e.numericTransform().configName());
        o.put("label", e.labelColumn());
        e.categoricalFields().forEach(o.putArray("categorical")::add);
        e.numericFields().forEach(o.putArray("numeric")::add);
        e.idColumns().forEach(o.putArray("id")::add);
        if (e.means() != null) {
            ArrayNode m = o.putArray("numeric_mean");
            ArrayNode s = o.putArray("numeric_std");
            for (double v : e.means()) {
                m.add(v);
            }
            for (double v : e.stds()) {
                s.add(v);
            }
        }
        if (e.hasSequences()) {
            e.sequenceFields().forEach(o.putArray("sequence")::add);
            e.candidateFields().forEach(o.putArray("sequence_candidate")::add);
            o.put("max_sequence_length", e.maxSequenceLength());
        }
        if (e.bucketsNumerics()) {
            ArrayNode all = o.putArray("numeric_bucket_edges");
            for (int k = 0; k < e.numericFields().size(); k++) {
                ArrayNode a = all.addArray();
                for (double v : e.bucketEdges(k)) {
                    a.add(v);
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static FeatureEncoding read(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("feature encoding JSON cannot be parsed: " + ex.getOriginalMessage(), ex);
        }
        expect(o, "format", FORMAT);
        expect(o, "hash", HASH);
        if (o.path("version").asInt(-1) != VERSION || o.path("hash_seed").asInt(-1) != FeatureEncoding.HASH_SEED) {
            throw new IllegalArgumentException("feature encoding JSON has version " + o.path("version")
                    + " and hash_seed " + o.path("hash_seed") + "; supported: version " + VERSION + ", seed 0");
        }
        FeatureSpec spec = FeatureSpec.of(o.path("hash_buckets").asLong(-1),
                NumericTransform.parse("numeric_transform", o.path("numeric_transform").asText(null)));
        double[] mean = doubles(o.get("numeric_mean"));
        double[] std = doubles(o.get("numeric_std"));
        return new FeatureEncoding(spec.hashBuckets(), spec.numericTransform(), o.path("label").asText(),
                strings(o, "categorical"), strings(o, "numeric"), strings(o, "id"), mean, std,
                strings(o, "sequence"), strings(o, "sequence_candidate"),
                o.path("max_sequence_length").asInt(Schema.DEFAULT_MAX_SEQUENCE_LENGTH), edges(o.get("numeric_bucket_edges")));
    }

    private static double[][] edges(JsonNode a) {
        if (a == null || a.isNull()) {
            return null;
        }
        double[][] out = new double[a.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = doubles(a.get(k));
        }
        return out;
    }

    private static void expect(JsonNode o, String key, String value) {
        if (!value.equals(o.path(key).asText(null))) {
            throw new IllegalArgumentException("feature encoding JSON has " + key + " " + o.path(key)
                    + "; supported: " + value);
        }
    }

    private static List<String> strings(JsonNode o, String key) {
        List<String> out = new ArrayList<>();
        o.path(key).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static double[] doubles(JsonNode a) {
        if (a == null || a.isNull()) {
            return null;
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
