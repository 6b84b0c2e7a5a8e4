package io.sparkact.jobs.score;

import io.sparkact.jobs.cli.UsageException;
import io.sparkact.registry.ModelFiles;
import io.sparkact.registry.ModelRegistry;
import io.sparkact.registry.RegistryLayout;
import java.io.IOException;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code model} key: a directory ({@code train}'s OUTPUT, its OUTPUT/model, or a registry version
 * directory) or a registry reference {@code registry:NAME@champion} / {@code registry:NAME@N} resolved under
 * {@code registry.root}.
 */
record ModelRef(String text, String registryName, String version) {

    static final String ALLOWED = "a train output or model directory, registry:NAME@champion or registry:NAME@N";

    /** Parses the text of the {@code model} key; a malformed registry reference is a usage error. */
    static ModelRef parse(String text) {
        if (!text.startsWith("registry:")) {
            return new ModelRef(text, null, null);
        }
        String rest = text.substring("registry:".length());
        int at = rest.lastIndexOf('@');
        String version = at < 0 ? "" : rest.substring(at + 1);
        if (at <= 0 || !(version.equals("champion") || version.matches("[1-9][0-9]{0,8}"))) {
            throw new UsageException("config key model given invalid value '" + text + "'; allowed: " + ALLOWED);
        }
        return new ModelRef(text, rest.substring(0, at), version);
    }

    boolean isRegistry() {
        return registryName != null;
    }

    /** The model files this reference names. */
    ModelFiles resolve(String registryRoot, Configuration conf) throws IOException {
        if (isRegistry()) {
            if (registryRoot.isBlank()) {
                throw new UsageException("config key model is '" + text + "', a registry reference: give registry.root "
                        + "(--set registry.root=...)");
            }
            ModelRegistry registry = ModelRegistry.open(registryRoot, registryName, conf);
            int n;
            if (version.equals("champion")) {
                OptionalInt champion = registry.champion();
                if (champion.isEmpty()) {
                    throw new IOException("registry " + registry.layout().base() + " has no champion ("
                            + registry.layout().champion() + " does not exist)");
                }
                n = champion.getAsInt();
            } else {
                n = Integer.parseInt(version);
            }
            if (!registry.isComplete(n)) {
                throw new IOException("registry " + registry.layout().base() + " has no complete version " + n
                        + "; complete versions: " + registry.versions());
            }
            return registry.files(n);
        }
        Path dir = new Path(text);
        FileSystem fs = dir.getFileSystem(conf);
        if (fs.exists(new Path(dir, RegistryLayout.MANIFEST))) {
            return ModelFiles.ofVersion(dir); // train's OUTPUT/model or a registry version directory
        }
        ModelFiles trainOutput = ModelFiles.ofTrainOutput(text);
        if (fs.exists(trainOutput.manifest())) {
            return trainOutput;
        }
        // the path the user gave is not a model: a usage error, like an input path that does not exist
        throw new UsageException("config key model given invalid value '" + text + "': "
                + (fs.exists(dir) ? "it holds no manifest.json (looked for " + new Path(dir, RegistryLayout.MANIFEST)
                        + " and " + trainOutput.manifest() + ")" : "it does not exist") + "; allowed: " + ALLOWED);
    }
}
