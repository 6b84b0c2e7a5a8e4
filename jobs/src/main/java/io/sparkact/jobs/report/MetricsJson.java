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
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(source + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + " is not a metrics.json: expected a JSON object");
        }
        String activation = text(source, root, "activation", "");
        List<RunSummary.Epoch> epochs = new ArrayList<>();
        for (JsonNode e : list(source, root, "epochs")) {
            epochs.add(new RunSummary.Epoch(integer(source, e, "epochs[].epoch"), number(source, e, "train_loss"),
                    number(source, e, "val_auc"), number(source, e, "val_logloss"), number(source, e, "seconds")));
        }
        List<RunSummary.LayerHealth> health = new ArrayList<>();
        for (JsonNode h : list(source, root, "health")) {
            health.add(new RunSummary.LayerHealth(integer(source, h, "health[].epoch"),
                    text(source, h, "layer", "health[]."), number(source, h, "dead_fraction"),
                    number(source, h, "saturated_fraction"), number(source, h, "active_fraction"),
                    number(source, h, "grad_norm")));
        }
        return new RunSummary(source, activation, root.path("model").asText("dnn"), number(source, root, "auc"),
                number(source, root, "logloss"), number(source, root, "calibration"),
                number(source, root, "examples_per_sec"), number(source, root, "train_seconds"), epochs, health);
    }

    private static String text(String source, JsonNode node, String key, String prefix) throws IOException {
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

    private static Iterable<JsonNode> list(String source, JsonNode root, String key) throws IOException {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IOException(source + ": " + key + " is not a list");
        }
        return v;
    }
}
