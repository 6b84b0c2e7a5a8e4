package io.sparkact.data.synth;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import io.sparkact.io.AtomicFiles;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes a small JSON file through the Hadoop FileSystem API so that readers see the old file or the new
 * one, never a half-written one: write a hidden temporary file in the same directory, then rename.
 */
final class AtomicJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AtomicJson() {
    }

    static void write(Configuration conf, String target, Map<String, Object> content) throws IOException {
        AtomicFiles.writeAtomically(conf, target, JSON.writeValueAsBytes(content));
    }
}
