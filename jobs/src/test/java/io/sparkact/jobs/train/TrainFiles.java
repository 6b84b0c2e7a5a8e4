package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Reading what a train run left behind: the repository's conf/, metrics.json, quarantine records. */
public final class TrainFiles {

    // ND4J's shaded Jackson: Spark's and avro's unshaded copies clash on the test classpath (see Quarantine).
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainFiles() {
    }

    /** The repository root: the nearest directory upwards from the working directory that holds conf/ and bin/. */
    public static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("conf")) && Files.isRegularFile(p.resolve("bin/sparkact"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (conf/ and bin/sparkact) above " + Path.of("").toAbsolutePath());
    }

    static Map<String, Object> json(Path file) {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record of a quarantine directory (JSON lines in its part files; hidden and _ files skipped). */
    public static List<Map<String, Object>> quarantine(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(dir.resolve("_SUCCESS")), "quarantine " + dir + " was not committed");
        List<Map<String, Object>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        records.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { }));
                    }
                }
            }
        }
        return records;
    }

    /** metrics.json's rows as {read, used, quarantined} longs. */
    static Map<String, Long> rows(Map<String, Object> metrics) {
        @SuppressWarnings("unchecked")
        Map<String, Object> rows = (Map<String, Object>) metrics.get("rows");
        Map<String, Long> m = new LinkedHashMap<>();
        rows.forEach((k, v) -> m.put(k, ((Number) v).longValue()));
        return m;
    }
}
