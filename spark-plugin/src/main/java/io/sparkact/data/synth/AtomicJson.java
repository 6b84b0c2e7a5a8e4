package io.sparkact.data.synth;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a small JSON file through the Hadoop FileSystem API so that readers see the old file or the new
 * one, never a half-written one: write a hidden temporary file in the same directory, then rename.
 * (The jobs module has the same contract in OutputFiles; the library cannot depend on jobs.)
 */
final class AtomicJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AtomicJson() {
    }

    static void write(Configuration conf, String target, Map<String, Object> content) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(content);
        Path path = new Path(target);
        FileSystem fs = path.getFileSystem(conf);
        fs.setWriteChecksum(false);                      // no .crc beside the file on the local FS
        Path dir = path.getParent() == null ? new Path(".") : path.getParent();
        fs.mkdirs(dir);
        Path tmp = new Path(dir, "." + path.getName() + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, false)) {
            out.write(bytes);
        }
        // HDFS rename does not replace an existing file: remove the old one first.
        if (fs.exists(path) && !fs.delete(path, false)) {
            fs.delete(tmp, false);
            throw new IOException("cannot replace existing file " + path);
        }
        if (!fs.rename(tmp, path)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + path);
        }
    }
}
