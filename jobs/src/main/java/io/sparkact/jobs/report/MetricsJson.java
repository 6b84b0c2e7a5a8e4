package io.sparkact.jobs.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Parses a train output's {@code metrics.json} (ARCHITECTURE.md's contract) into a {@link RunSummary}. Every
 * problem is an {@link IOException} whose message names the file and what is wrong with it: the report job then
 * fails with exit code 1, since the file exists but cannot be used.
 */
final class MetricsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {
    }

    static RunSummary parse(String source, byte[] bytes) throws IOException {
        return parse(source, object(source, bytes, "a metrics.json"));
    }

    /** A train metrics.json already parsed by {@link #object}. */
    static RunSummary parse(String source, JsonNode root) throws IOException {
        return summary(source, text(source, root, "activation", ""), root.path("model").asText("dnn"), "", root,
                root.get("health"));
    }

    /** The JSON object in {@code bytes}; {@code what} names the expected kind of file in the error. */
    static JsonNode object(String source, byte[] bytes, String what) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(source + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + " is not " + what + ": expected a JSON object");
        }
        return root;
    }

    /**
     * A run from an object with metrics.json's metric keys ({@code auc}, …, {@code epochs}) and a health list:
     * a train metrics.json has both at the top level, a sweep trial file has the metrics in {@code metrics} and
     * the health records at the top level.
     */
    static RunSummary summary(String source, String activation, String model, String setting, JsonNode metrics,
                              JsonNode healthList) throws IOException {
        List<RunSummary.Epoch> epochs = new ArrayList<>();
        for (JsonNode e : list(source, metrics, "epochs")) {
            epochs.add(new RunSummary.Epoch(integer(source, e, "epochs[].epoch"), number(source, e, "train_loss"),
                    number(source, e, "val_auc"), number(source, e, "val_logloss"), number(source, e, "seconds")));
        }
        List<RunSummary.LayerHealth> health = new ArrayList<>();
        for (JsonNode h : array(source, healthList, "health")) {
            health.add(new RunSummary.LayerHealth(integer(source, h, "health[].epoch"),
                    text(source, h, "layer", "health[]."), number(source, h, "dead_fraction"),
                    number(source, h, "saturated_fraction"), number(source, h, "active_fraction"),
                    number(source, h, "grad_norm")));
        }
        return new RunSummary(source, activation, model, setting, number(source, metrics, "auc"),
                number(source, metrics, "logloss"), number(source, metrics, "calibration"),
                number(source, metrics, "examples_per_sec"), number(source, metrics, "train_seconds"), epochs, health);
    }

    static String text(String source, JsonNode node, String key, String prefix) throws IOException {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(source + ": " + prefix + key + " is missing or not a non-empty string");
        }
        return v.asText();
    }

    /** A number, or NaN for null/absent (train writes NaN as null); any other type is an error. */
    private static double number(String source, JsonNode node, String key) throws IOException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IOException(source + ": " + key + " is " + v + "; expected a number or null");
        }
        return v.asDouble();
    }

    private static int integer(String source, JsonNode node, String path) throws IOException {
        JsonNode v = node.get("epoch");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new IOException(source + ": " + path + " is " + v + "; expected an integer >= 1");
        }
        return v.asInt();
    }

    private static Iterable<JsonNode> list(String source, JsonNode holder, String key) throws IOException {
        return array(source, holder.get(key), key);
    }

    private static Iterable<JsonNode> array(String source, JsonNode v, String key) throws IOException {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IOException(source + ": " + key + " is not a list");
        }
        return v;
    }
}
