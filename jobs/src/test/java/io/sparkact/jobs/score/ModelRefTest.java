package io.sparkact.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.UsageException;
import io.sparkact.registry.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code model} key's forms: train output, model directory, registry references. */
class ModelRefTest {

    @TempDir
    Path dir;

    @Test
    void registryReferencesNameAModelAndAVersion() {
        ModelRef champion = ModelRef.parse("registry:ctr-eu@champion");
        assertTrue(champion.isRegistry());
        assertEquals("ctr-eu", champion.registryName());
        assertEquals("champion", champion.version());
        assertEquals("12", ModelRef.parse("registry:ctr@12").version());
        assertFalse(ModelRef.parse("hdfs:///runs/r1").isRegistry());
        for (String bad : new String[] {"registry:ctr", "registry:@1", "registry:ctr@0", "registry:ctr@latest"}) {
            assertEquals("config key model given invalid value '" + bad + "'; allowed: " + ModelRef.ALLOWED,
                    assertThrows(RuntimeException.class, () -> ModelRef.parse(bad)).getMessage());
        }
    }

    @Test
    void aTrainOutputAndItsModelDirectoryNameTheSameFiles() throws IOException {
        Path model = Files.createDirectories(dir.resolve("run/model"));
        Files.writeString(model.resolve("manifest.json"), "{}");
        Files.writeString(model.resolve("model.zip"), "zip");
        ModelFiles fromOutput = ModelRef.parse(dir.resolve("run").toString()).resolve("", new Configuration());
        ModelFiles fromModelDir = ModelRef.parse(model.toString()).resolve("", new Configuration());
        assertEquals(model.resolve("model.zip").toString(), fromOutput.model().toString());
        assertEquals(fromOutput, fromModelDir);
    }

    @Test
    void aDirectoryWithoutAManifestSaysWhereItLooked() {
        UsageException e = assertThrows(UsageException.class,
                () -> ModelRef.parse(dir.toString()).resolve("", new Configuration()));
        assertEquals("config key model given invalid value '" + dir + "': it holds no manifest.json (looked for " + dir
                + "/manifest.json and " + dir + "/model/manifest.json); allowed: " + ModelRef.ALLOWED, e.getMessage());
        String missing = dir.resolve("nope").toString();
        assertEquals("config key model given invalid value '" + missing + "': it does not exist; allowed: "
                + ModelRef.ALLOWED, assertThrows(UsageException.class,
                        () -> ModelRef.parse(missing).resolve("", new Configuration())).getMessage());
    }
}
