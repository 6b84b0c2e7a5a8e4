package io.sparkact.jobs.report;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Reads one sweep trial file ({@code OUTPUT/trials/TRIAL_ID.json}, format_version 1, documented in
 * {@code io.sparkact.jobs.sweep}'s package-info): the activation, the {@code metrics} object (metrics.json's metric
 * keys and {@code epochs}) and the top-level {@code health} records become a {@link RunSummary}; a failed trial
 * becomes a {@link Trial} without one. Problems are {@link IOException}s naming the file, as in {@link MetricsJson}.
 */
final class TrialJson {

    /** The trial format this reader understands; a newer sweep must update the report with it. */
    static final int FORMAT_VERSION = 1;

    private TrialJson() {
    }

    /**
     * One trial file.
     *
     * @param id the trial id
     * @param setting the trial's train config without {@code training.seed} and {@code output}: trials with the
     *                same setting differ only in their seed, so they are the ones that may be pooled
     * @param run the run, or null when the trial failed
     * @param error the failure in one line when it failed
     */
    record Trial(String id, String activation, String setting, RunSummary run, String error) {
        boolean ok() {
            return run != null;
        }
    }

    /** True when {@code root} is a sweep trial file rather than a train metrics.json. */
    static boolean isTrial(JsonNode root) {
        return root.has("trial_id") && root.has("format_version");
    }

    static Trial parse(String source, JsonNode root) throws IOException {
        JsonNode version = root.get("format_version");
        if (version == null || !version.isInt() || version.asInt() != FORMAT_VERSION) {
            throw new IOException(source + ": format_version is " + version + "; this report reads sweep trial files "
                    + "of format_version " + FORMAT_VERSION);
        }
        String id = MetricsJson.text(source, root, "trial_id", "");
        String activation = MetricsJson.text(source, root, "activation", "");
        String status = MetricsJson.text(source, root, "status", "");
        JsonNode config = root.path("config");
        String setting = setting(config);
        if (!status.equals("ok")) {
            return new Trial(id, activation, setting, null, root.path("error").asText(status));
        }
        JsonNode metrics = root.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            throw new IOException(source + ": metrics is " + metrics + " in a trial with status ok; expected an object");
        }
        RunSummary run = MetricsJson.summary(source, activation, config.path("model.type").asText("dnn"),
                label(root.path("params"), config), metrics, root.get("health"));
        return new Trial(id, activation, setting, run, null);
    }

    /** The config as sorted "key=value" lines without the seed and the output path. */
    private static String setting(JsonNode config) {
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("training.seed") && !e.getKey().equals("output")) {
                sorted.put(e.getKey(), e.getValue().toString());
            }
        }
        return sorted.toString();
    }

    /**
     * The swept values other than activation and seed, short keys ("learning_rate=0.003"), then the epochs
     * (successive halving runs one setting at several epoch counts).
     */
    private static String label(JsonNode params, JsonNode config) {
        StringJoiner sj = new StringJoiner(" ");
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("model.activation") && !e.getKey().equals("training.seed")) {
                sj.add(e.getKey().substring(e.getKey().indexOf('.') + 1) + "=" + e.getValue().asText());
            }
        }
        if (config.has("training.epochs")) {
            sj.add("epochs=" + config.get("training.epochs").asText());
        }
        return sj.toString();
    }
}
