package io.sparkact.train;

import io.sparkact.health.HealthCsv;
import io.sparkact.health.HealthRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The train output directory on any Hadoop FileSystem (ARCHITECTURE.md, "Output files"):
 * {@code DIR/model/model.zip} (ModelSerializer, updater state included), {@code DIR/model/manifest.json}
 * ({@code format_version} 1, {@code sha256} of model.zip, {@code created} ISO-8601, then the job's
 * extras), {@code DIR/metrics.json}, {@code DIR/health.csv} and, last, {@code DIR/_SUCCESS}.
 *
 * <p>Commit protocol: everything is written into a hidden sibling staging directory, which is renamed
 * to DIR; {@code _SUCCESS} is then written (temp file + rename). A run killed at any point leaves either
 * no DIR or a DIR without {@code _SUCCESS}, which is not a result. Replacing a finished result needs
 * {@code overwrite}; the old {@code _SUCCESS} is deleted before anything else of it.
 */
public final class TrainOutput {

    public static final int FORMAT_VERSION = 1;
    public static final String SUCCESS = "_SUCCESS";
    /** Health records as a table, one row per hidden layer and epoch (see {@link HealthCsv}). */
    public static final String HEALTH_CSV = "health.csv";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainOutput() {
    }

    /**
     * Rows the job read, used for training and quarantined: metrics.json {@code rows}; with behaviour sequences
     * also {@code truncated}, the used rows whose sequence was longer than input.schema.max_sequence_length
     * (-1 = no sequences: the key is left out).
     */
    public record Rows(long read, long used, long quarantined, long truncated) {
        public Rows(long read, long used, long quarantined) {
            this(read, used, quarantined, -1);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("read", read);
            m.put("used", used);
            m.put("quarantined", quarantined);
            if (truncated >= 0) {
                m.put("truncated", truncated);
            }
            return m;
        }
    }

    /** {@link #write(String, TrainResult, Map, Rows, boolean)} with rows read = used = training examples. */
    public static void write(String dir, TrainResult result, Map<String, Object> manifestExtras) throws IOException {
        write(dir, result, manifestExtras, new Rows(result.trainExamples(), result.trainExamples(), 0), false);
    }

    /**
     * Writes the result into DIR. DIR may already exist without {@code _SUCCESS} (the job's own quarantine, or
     * a killed run): model/ and metrics.json are then replaced and everything else is kept. A DIR holding a
     * finished result is refused unless {@code overwrite}; then its _SUCCESS goes first, so from that moment
     * it no longer looks finished. Files are staged under DIR/_temporary-UUID (Hadoop's convention for
     * in-progress output) and moved into place by rename; _SUCCESS is written last.
     */
    public static void write(String dir, TrainResult result, Map<String, Object> manifestExtras, Rows rows,
                             boolean overwrite) throws IOException {
        Path target = new Path(dir);
        FileSystem fs = fileSystem(target);
        Path success = new Path(target, SUCCESS);
        if (fs.exists(success)) {
            if (!overwrite) {
                throw new IOException("output " + dir + " already holds a finished result (_SUCCESS); choose another "
                        + "output or pass overwrite to replace it");
            }
            fs.delete(success, false);
        }
        fs.mkdirs(target);
        Path staging = new Path(target, "_temporary-" + UUID.randomUUID());
        try {
            byte[] model = modelBytes(result.graph());
            writeFile(fs, new Path(staging, "model/model.zip"), model);
            writeFile(fs, new Path(staging, "model/manifest.json"), JSON.writeValueAsBytes(manifest(model, manifestExtras)));
            writeFile(fs, new Path(staging, "metrics.json"), JSON.writeValueAsBytes(metrics(result, rows)));
            writeFile(fs, new Path(staging, HEALTH_CSV), HealthCsv.format(result.health()).getBytes(StandardCharsets.UTF_8));
            for (String name : new String[] {"model", "metrics.json", HEALTH_CSV}) {
                Path to = new Path(target, name);
                if (fs.exists(to) && !fs.delete(to, true)) {
                    throw new IOException("cannot remove the old " + to);
                }
                if (!fs.rename(new Path(staging, name), to)) {
                    throw new IOException("cannot rename " + new Path(staging, name) + " to " + to);
                }
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
        Path tmp = new Path(target, "." + SUCCESS + ".tmp");
        writeFile(fs, tmp, new byte[0]);
        if (!fs.rename(tmp, success)) {
            throw new IOException("cannot commit " + dir + "/" + SUCCESS);
        }
    }

    /** True when DIR holds a finished result (its _SUCCESS exists). */
    public static boolean isFinished(String dir) throws IOException {
        Path success = new Path(new Path(dir), SUCCESS);
        return fileSystem(success).exists(success);
    }

    /** metrics.json: exactly the contract's keys, in the contract's order. */
    public static Map<String, Object> metrics(TrainResult r, Rows rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation", r.model().activation().toString());
        m.put("model", r.model().type().configName());
        m.put("auc", EpochRecord.jsonNumber(r.metrics().auc()));
        m.put("logloss", EpochRecord.jsonNumber(r.metrics().logloss()));
        m.put("calibration", EpochRecord.jsonNumber(r.metrics().calibration()));
        m.put("examples_per_sec", EpochRecord.jsonNumber(r.examplesPerSec()));
        m.put("train_seconds", EpochRecord.jsonNumber(r.trainSeconds()));
        m.put("epochs", r.epochs().stream().map(EpochRecord::toMap).toList());
        m.put("health", r.health().stream().map(HealthRecord::toMap).toList());
        m.put("rows", rows.toMap());
        return m;
    }

    /** manifest.json for model.zip's bytes: format_version, sha256, created, then {@code extras} (also for registry versions). */
    public static Map<String, Object> manifest(byte[] model, Map<String, Object> extras) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("sha256", sha256(model));
        m.put("created", Instant.now().toString());
        extras.forEach(m::putIfAbsent);
        return m;
    }

    /** The manifest of a train output. */
    public static Map<String, Object> readManifest(String dir) throws IOException {
        Path p = new Path(new Path(dir), "model/manifest.json");
        return JSON.readValue(readFile(fileSystem(p), p), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** Loads the model after checking that model.zip's sha256 is the one in the manifest. */
    public static ComputationGraph loadModel(String dir) throws IOException {
        Map<String, Object> manifest = readManifest(dir);
        Path p = new Path(new Path(dir), "model/model.zip");
        byte[] bytes = readFile(fileSystem(p), p);
        String actual = sha256(bytes);
        if (!actual.equals(manifest.get("sha256"))) {
            throw new IOException(p + " does not match its manifest: sha256 " + actual + ", manifest says "
                    + manifest.get("sha256") + "; the file was changed or damaged, refusing to load it");
        }
        return restore(bytes);
    }

    /** A graph from ModelSerializer bytes, updater state included. */
    public static ComputationGraph restore(byte[] bytes) throws IOException {
        return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), true);
    }

    public static byte[] modelBytes(ComputationGraph g) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, out, true);
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static FileSystem fileSystem(Path p) throws IOException {
        FileSystem fs = p.getFileSystem(new Configuration());
        fs.setWriteChecksum(false); // no .crc files beside the outputs on file://
        return fs;
    }

    private static void writeFile(FileSystem fs, Path p, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(p, false)) {
            out.write(bytes);
        }
    }

    private static byte[] readFile(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }
}
