package io.sparkact.jobs.sweep;

import io.sparkact.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The {@code OUTPUT/trials/} directory: one {@code TRIAL_ID.json} per ended trial (format in the package
 * documentation), each written atomically (temp file + rename), so a file that exists is whole and a
 * killed sweep has lost only the trials in flight.
 */
final class TrialStore {

    static final int FORMAT_VERSION = 1;
    static final String OK = "ok";
    static final String FAILED = "failed";
    // ND4J's shaded Jackson, as the train outputs use: Spark's own copy clashes with avro's on some classpaths.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String dir;

    TrialStore(String dir) {
        this.dir = dir;
    }

    /** Every readable trial file, by trial id; an unreadable one is reported on {@code log} and left out (rerun). */
    Map<String, Map<String, Object>> readAll(PrintStream log) throws IOException {
        Path d = new Path(dir);
        FileSystem fs = AtomicFiles.fileSystem(d, new Configuration());
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (!fs.exists(d)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(d)) {
            String name = st.getPath().getName();
            if (!name.endsWith(".json") || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            try (InputStream in = fs.open(st.getPath())) {
                Map<String, Object> m = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
                out.put(name.substring(0, name.length() - ".json".length()), m);
            } catch (IOException e) {
                log.println("warning: cannot read trial file " + st.getPath() + " (" + e.getMessage() + "); the trial runs again");
            }
        }
        return out;
    }

    /** The record of a finished trial. */
    static Map<String, Object> finished(Trial t, String execution, Map<String, Object> result, double seconds) {
        Map<String, Object> m = header(t, OK, execution);
        m.putAll(result);
        m.put("error", null);
        return footer(m, seconds);
    }

    /** The record of a failed trial. */
    static Map<String, Object> failed(Trial t, String execution, String error, double seconds) {
        Map<String, Object> m = header(t, FAILED, execution);
        m.put("metrics", null);
        m.put("health", java.util.List.of());
        m.put("health_summary", null);
        m.put("error", error);
        return footer(m, seconds);
    }

    void write(String id, Map<String, Object> record) throws IOException {
        AtomicFiles.writeAtomically(dir + "/" + id + ".json", JSON.writeValueAsBytes(record));
    }

    private static Map<String, Object> header(Trial t, String status, String execution) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("trial_id", t.id());
        m.put("status", status);
        m.put("execution", execution);
        m.put("activation", t.activation());
        m.put("params", t.params());
        m.put("config", t.config().values());
        return m;
    }

    private static Map<String, Object> footer(Map<String, Object> m, double seconds) {
        m.put("seconds", seconds);
        m.put("finished", Instant.now().toString());
        return m;
    }
}
