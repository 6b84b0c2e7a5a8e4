package io.sparkact.registry;

import io.sparkact.train.TrainOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.core.JsonLocation;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A model.zip and the manifest.json that vouches for it, wherever they live: a train output
 * ({@code DIR/model/}) or a registry version ({@code versions/N/}). Loading always checks model.zip's sha256
 * against the manifest first, so a changed or damaged model is refused with the file's name.
 *
 * <p>{@link #load} is the whole check, for every job that uses a model: the manifest exists, is JSON and has
 * this build's {@code format_version}; model.zip exists and matches the manifest's sha256; and model.zip
 * restores as a graph (a file cut short after its checksum was recorded passes the sha256 but not this).
 * Each refusal is an {@link IOException} naming the file and the problem, before the job writes anything.
 */
public record ModelFiles(Path model, Path manifest) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A model that passed every check of {@link #load}: its manifest, model.zip's bytes, and the graph. */
    public record Loaded(Map<String, Object> manifest, byte[] bytes, ComputationGraph graph) { }

    /** Reads and checks the manifest and model.zip and restores the graph (updater state included). */
    public Loaded load(Configuration conf) throws IOException {
        Map<String, Object> m = readManifest(conf);
        byte[] bytes = verifiedBytes(conf, m);
        return new Loaded(m, bytes, restore(model, bytes));
    }

    /** The model of a train output directory: DIR/model/model.zip and DIR/model/manifest.json. */
    public static ModelFiles ofTrainOutput(String dir) {
        Path m = new Path(new Path(dir), "model");
        return new ModelFiles(new Path(m, RegistryLayout.MODEL), new Path(m, RegistryLayout.MANIFEST));
    }

    /** The model of a registry version directory. */
    public static ModelFiles ofVersion(Path versionDir) {
        return new ModelFiles(new Path(versionDir, RegistryLayout.MODEL), new Path(versionDir, RegistryLayout.MANIFEST));
    }

    /** The manifest as a JSON object, after checking that it is one and that its format_version is this build's. */
    public Map<String, Object> readManifest(Configuration conf) throws IOException {
        Map<String, Object> m;
        try {
            m = JSON.readValue(read(conf, manifest), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException("manifest " + manifest + " is not a JSON object" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + "; it was damaged or not written by "
                    + "sparkact, refusing to load " + model, e);
        }
        Object version = m == null ? null : m.get("format_version");
        if (!(version instanceof Integer) || (Integer) version != TrainOutput.FORMAT_VERSION) {
            throw new IOException("manifest " + manifest + " has format_version " + version + "; this sparkact reads "
                    + "format_version " + TrainOutput.FORMAT_VERSION + " only, refusing to load " + model);
        }
        return m;
    }

    /**
     * model.zip's bytes, after checking their sha256 against {@code manifest}'s.
     *
     * @throws IOException naming model.zip when the digests differ or the manifest has none
     */
    public byte[] verifiedBytes(Configuration conf, Map<String, Object> manifest) throws IOException {
        byte[] bytes = read(conf, model);
        String actual = TrainOutput.sha256(bytes);
        Object expected = manifest.get("sha256");
        if (!actual.equals(expected)) {
            throw new IOException(model + " does not match its manifest " + this.manifest + ": sha256 " + actual
                    + ", manifest says " + expected + "; the file was changed or damaged, refusing to load it");
        }
        return bytes;
    }

    /** A graph from model.zip bytes, updater state included (a warm start continues Adam's moments). */
    public static ComputationGraph restore(byte[] bytes) throws IOException {
        return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), true);
    }

    /** {@link #restore(byte[])}, with any failure (a cut or corrupt zip, a foreign file) naming {@code from}. */
    private static ComputationGraph restore(Path from, byte[] bytes) throws IOException {
        try {
            return restore(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IOException(from + " matches its manifest's sha256 but is not a loadable model (" + e
                    + "); it was cut short or damaged before the manifest was written, refusing to load it", e);
        }
    }

    private static byte[] read(Configuration conf, Path p) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new IOException(p + " does not exist");
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }
}
