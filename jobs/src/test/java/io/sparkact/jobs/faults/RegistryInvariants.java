package io.sparkact.jobs.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The registry's promises, checked on the local file system with plain java.nio (not the registry's own code):
 * every entry of {@code versions/} is a whole version (its files present, model.zip matching its manifest's
 * sha256); the champion alias names a whole version; a decision file exists only for a whole version, and the
 * alias is the version of the last "promote" decision or a later whole version whose decision a kill prevented.
 */
final class RegistryInvariants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryInvariants() {
    }

    /** Checks every invariant of registry {@code base} (ROOT/NAME); returns the whole versions, ascending. */
    static TreeSet<Integer> check(Path base) throws IOException {
        TreeSet<Integer> versions = new TreeSet<>();
        for (String name : names(base.resolve("versions"))) {
            assertTrue(name.matches("[1-9][0-9]*"), "a non-version entry visible in versions/: " + name);
            Path v = base.resolve("versions").resolve(name);
            for (String f : new String[] {"_SUCCESS", "model.zip", "manifest.json", "metrics.json"}) {
                assertTrue(Files.isRegularFile(v.resolve(f)), "half-published version " + v + ": no " + f);
            }
            JsonNode manifest = JSON.readTree(v.resolve("manifest.json").toFile());
            assertEquals(manifest.get("sha256").asText(), sha256(Files.readAllBytes(v.resolve("model.zip"))),
                    v + ": model.zip does not match its manifest");
            versions.add(Integer.parseInt(name));
        }
        TreeMap<Integer, String> decisions = new TreeMap<>();
        for (String name : names(base.resolve("decisions"))) {
            if (name.matches("[1-9][0-9]*\\.json")) {
                int n = Integer.parseInt(name.substring(0, name.length() - 5));
                JsonNode d = JSON.readTree(base.resolve("decisions").resolve(name).toFile());
                assertTrue(versions.contains(n), "decision " + name + " for a version that is not whole: " + versions);
                decisions.put(n, d.get("action").asText());
            }
        }
        Path alias = base.resolve("aliases/champion");
        Integer promoted = decisions.entrySet().stream().filter(e -> e.getValue().equals("promote"))
                .map(java.util.Map.Entry::getKey).reduce((a, b) -> b).orElse(null);
        if (Files.exists(alias)) {
            int champion = Integer.parseInt(Files.readString(alias, StandardCharsets.UTF_8).trim());
            assertTrue(versions.contains(champion), "the alias names " + champion + ", not a whole version: " + versions);
            boolean lastPromoted = promoted != null && champion == promoted;
            boolean promotedWithoutDecision = (promoted == null || champion > promoted) && !decisions.containsKey(champion);
            assertTrue(lastPromoted || promotedWithoutDecision, "alias " + champion + " but decisions " + decisions);
        } else {
            assertEquals(null, promoted, "a promote decision but no alias: " + decisions);
        }
        return versions;
    }

    static TreeSet<String> names(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> out.add(p.getFileName().toString()));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
