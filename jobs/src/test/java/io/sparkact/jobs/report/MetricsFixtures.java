package io.sparkact.jobs.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes small fabricated train outputs (metrics.json in the train contract's shape + _SUCCESS), so report tests
 * need no training. Values are made up but plausible: AUC rising over epochs, more dead units with relu, and
 * sigmoid's gradient norms falling by orders of magnitude towards the first layer.
 */
final class MetricsFixtures {

    private MetricsFixtures() {
    }

    /** A finished train output DIR with 3 epochs and layers h0..h(layers-1); {@code k} varies the numbers. */
    static Path trainOutput(Path dir, String activation, int layers, int k) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.json"), json(activation, layers, k));
        Files.writeString(dir.resolve("_SUCCESS"), "");
        return dir;
    }

    static String json(String activation, int layers, int k) {
        boolean sigmoid = activation.equals("sigmoid");
        double auc = 0.74 + 0.004 * k + (sigmoid ? -0.03 : 0);
        StringBuilder sb = new StringBuilder("{\"activation\":\"" + activation.replace("\"", "\\\"")
                + "\",\"model\":\"dnn\",");
        sb.append(String.format(Locale.ROOT, "\"auc\":%s,\"logloss\":%s,\"calibration\":1.02,\"examples_per_sec\":%s,"
                + "\"train_seconds\":%s,\"epochs\":[", auc, 0.45 - 0.003 * k, 2500 + 150 * k, 30 + k));
        for (int e = 1; e <= 3; e++) {
            sb.append(String.format(Locale.ROOT, "%s{\"epoch\":%d,\"train_loss\":%s,\"val_auc\":%s,\"val_logloss\":%s,"
                    + "\"seconds\":%s}", e > 1 ? "," : "", e, 0.5 - 0.02 * e, auc - 0.01 * (3 - e), 0.46 - 0.003 * e,
                    10.0 + e));
        }
        sb.append("],\"health\":[");
        boolean first = true;
        for (int e = 1; e <= 3; e++) {
            for (int l = 0; l < layers; l++) {
                double dead = activation.startsWith("relu") ? 0.05 * (l + 1) + 0.02 * e : 0.01 * k;
                double grad = sigmoid ? Math.pow(10, l - layers + 1) * 2 : 10 + l + k;
                sb.append(String.format(Locale.ROOT, "%s{\"epoch\":%d,\"layer\":\"h%d\",\"activation\":\"%s\","
                        + "\"dead_fraction\":%s,\"saturated_fraction\":%s,\"mean\":0.3,\"std\":0.5,"
                        + "\"active_fraction\":0.6,\"max_abs\":4.0,\"grad_norm\":%s}", first ? "" : ",", e, l,
                        activation.replace("\"", "\\\""), dead, sigmoid ? 0.6 : 0.3 + 0.02 * l, grad));
                first = false;
            }
        }
        sb.append("],\"rows\":{\"read\":1000,\"used\":1000,\"quarantined\":0}}\n");
        return sb.toString();
    }
}
