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
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A model.zip and the manifest.json that vouches for it, wherever they live: a train output
 * ({@code DIR/model/}) or a registry version ({@code versions/N/}). Loading always checks model.zip's sha256
 * against the manifest first, so a changed or damaged model is refused with the file's name.
 */
public record ModelFiles(Path model, Path manifest) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model of a train output directory: DIR/model/model.zip and DIR/model/manifest.json. */
    public static ModelFiles ofTrainOutput(String dir) {
        Path m = new Path(new Path(dir), "model");
        return new ModelFiles(new Path(m, RegistryLayout.MODEL), new Path(m, RegistryLayout.MANIFEST));
    }

    /** The model of a registry version directory. */
    public static ModelFiles ofVersion(Path versionDir) {
        return new ModelFiles(new Path(versionDir, RegistryLayout.MODEL), new Path(versionDir, RegistryLayout.MANIFEST));
    }

    /** The manifest as a JSON object. */
    public Map<String, Object> readManifest(Configuration conf) throws IOException {
        return JSON.readValue(read(conf, manifest), new TypeReference<LinkedHashMap<String, Object>>() { });
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
