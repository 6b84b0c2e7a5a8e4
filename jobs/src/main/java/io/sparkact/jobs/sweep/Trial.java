package io.sparkact.jobs.sweep;

import io.sparkact.jobs.config.JobConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One trial: a complete, validated train config (the base config with the swept values set) and its id.
 *
 * @param id the first 16 hex digits of the SHA-256 of the config's HOCON rendering without {@code output} (and
 *           {@code training.checkpoint}):
 *           the same configuration gets the same id in every run, which is what makes a sweep resumable
 * @param params the values this trial sets, train key → value (always model.activation and training.seed)
 * @param config the train config; its {@code output} is the sweep's {@code best/}, so that the best
 *               trial's config is {@code best.conf} as it stands
 */
record Trial(String id, Map<String, Object> params, JobConfig config) {

    static Trial of(Map<String, Object> params, JobConfig config) {
        // training.checkpoint does not change what a trial computes: left out, ids stay those of earlier versions
        String identity = config.values().entrySet().stream()
                .filter(e -> !e.getKey().equals("output") && !e.getKey().equals("training.checkpoint"))
                .map(e -> e.getKey() + " = " + JobConfig.hocon(e.getValue())).collect(Collectors.joining("\n"));
        return new Trial(sha256(identity).substring(0, 16), params, config);
    }

    String activation() {
        return config.string("model.activation");
    }

    /** "relu lr=0.001 seed=1": the swept values in short, for progress lines. */
    String label() {
        StringBuilder sb = new StringBuilder(activation());
        params.forEach((k, v) -> {
            if (!k.equals("model.activation")) {
                sb.append(' ').append(k.substring(k.indexOf('.') + 1)).append('=').append(v);
            }
        });
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
