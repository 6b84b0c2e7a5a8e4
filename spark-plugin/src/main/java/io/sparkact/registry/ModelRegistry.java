package io.sparkact.registry;

import io.sparkact.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * One registered model on a Hadoop FileSystem (layout in {@link RegistryLayout}).
 *
 * <p>Protocol of a new version: {@link #allocate()} takes the next number by exclusively creating
 * {@code claims/N} (two concurrent runs never share one; a killed run burns its number, leaving a gap);
 * {@link #stage} writes model.zip, manifest.json, metrics.json and, last, _SUCCESS under {@code _staging/};
 * {@link #publish} renames the staged directory to {@code versions/N} in one step. Readers list only
 * {@code versions/}, so a run killed before the rename leaves nothing visible, and the alias is only touched
 * afterwards ({@link #setChampion}, an atomic replace). A killed run's staging directory stays hidden under
 * {@code _staging/} until {@link #cleanStaging} removes it.
 *
 * <p>Outcome of a version ({@link #recordOutcome}): the alias is replaced first, the decision file written
 * second, so a reader can rely on <em>a decision file exists ⇒ its action happened</em> ("promote" ⇒ the alias
 * was moved to N; it may have moved on since). A run killed between the two leaves a published version without
 * a decision; if the alias names it, it was promoted (the gate's numbers are lost, its metrics.json remains).
 * The reverse order could leave a "promote" decision for a version that never became the champion, which no
 * reader could tell from a later rollback. Each step is atomic, so no reconciliation pass is needed.
 *
 * <p>Retention deletes a removed version's {@code quarantine/N} with it; decisions and claims stay.
 */
public final class ModelRegistry {

    /**
     * Test hook: when this system property is "true", {@link #publish} throws {@link SimulatedCrash} after the
     * version is completely staged and before it is renamed, as if the process were killed there (the staging
     * directory is left behind, as a kill would leave it).
     */
    public static final String CRASH_AFTER_STAGING = "sparkact.registry.crash_after_staging";

    /**
     * Test hook: when this system property is "true", {@link #recordOutcome} throws {@link SimulatedCrash} after
     * the alias step (moved when promoting) and before the decision file is written.
     */
    public static final String CRASH_BEFORE_DECISION = "sparkact.registry.crash_before_decision";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RegistryLayout layout;
    private final Configuration conf;
    private final FileSystem fs;

    private ModelRegistry(RegistryLayout layout, Configuration conf) throws IOException {
        this.layout = layout;
        this.conf = conf;
        this.fs = AtomicFiles.fileSystem(layout.base(), conf);
    }

    /** The registry of model {@code name} under {@code root}; nothing is created until something is written. */
    public static ModelRegistry open(String root, String name, Configuration conf) throws IOException {
        return new ModelRegistry(new RegistryLayout(root, name), conf);
    }

    public RegistryLayout layout() { return layout; }

    /** A version staged by {@link #stage}, not yet visible. */
    public record Staged(int version, Path dir) { }

    /** Thrown by the {@link #CRASH_AFTER_STAGING} hook; an Error so that no cleanup path catches it. */
    public static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** Complete versions (renamed into versions/ with _SUCCESS), ascending. */
    public List<Integer> versions() throws IOException {
        List<Integer> out = new ArrayList<>();
        for (int n : numbered(layout.versions())) {
            if (isComplete(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** True when versions/N holds _SUCCESS, model.zip and manifest.json. */
    public boolean isComplete(int n) throws IOException {
        Path v = layout.version(n);
        return fs.exists(new Path(v, RegistryLayout.SUCCESS)) && fs.exists(new Path(v, RegistryLayout.MODEL))
                && fs.exists(new Path(v, RegistryLayout.MANIFEST));
    }

    /** The champion's version number, or empty when no alias was ever set. */
    public OptionalInt champion() throws IOException {
        Path alias = layout.champion();
        if (!fs.exists(alias)) {
            return OptionalInt.empty();
        }
        String text;
        try (InputStream in = fs.open(alias)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        Integer n = RegistryLayout.versionNumber(text);
        if (n == null) {
            throw new IOException("alias " + alias + " holds '" + text + "'; expected a version number");
        }
        return OptionalInt.of(n);
    }

    /** The model files of version N. */
    public ModelFiles files(int n) {
        return ModelFiles.ofVersion(layout.version(n));
    }

    /** Takes the next version number: one above every number claimed or published so far. */
    public int allocate() throws IOException {
        TreeSet<Integer> taken = new TreeSet<>(numbered(layout.claims()));
        taken.addAll(numbered(layout.versions()));
        int n = taken.isEmpty() ? 1 : taken.last() + 1;
        while (!AtomicOps.createExclusive(fs, layout.claim(n))) {
            n++; // another run took it between our listing and our create
        }
        return n;
    }

    /** Writes version N's files into a fresh staging directory; _SUCCESS last. */
    public Staged stage(int n, byte[] model, Map<String, Object> manifest, Map<String, Object> metrics)
            throws IOException {
        Path dir = new Path(layout.staging(), n + "-" + UUID.randomUUID());
        write(new Path(dir, RegistryLayout.MODEL), model);
        write(new Path(dir, RegistryLayout.MANIFEST), JSON.writeValueAsBytes(manifest));
        write(new Path(dir, RegistryLayout.METRICS), JSON.writeValueAsBytes(metrics));
        write(new Path(dir, RegistryLayout.SUCCESS), new byte[0]);
        return new Staged(n, dir);
    }

    /** Makes a staged version visible as versions/N with one rename. */
    public void publish(Staged staged) throws IOException {
        if (Boolean.getBoolean(CRASH_AFTER_STAGING)) {
            throw new SimulatedCrash("simulated crash after staging version " + staged.version() + " in " + staged.dir());
        }
        Path target = layout.version(staged.version());
        fs.mkdirs(layout.versions());
        // Cannot happen while claims are exclusive, but a rename onto an existing directory would move the
        // staged one inside it (HDFS and local alike), so refuse rather than nest.
        if (fs.exists(target)) {
            throw new IOException("cannot publish version " + staged.version() + ": " + target + " already exists");
        }
        if (!fs.rename(staged.dir(), target)) {
            throw new IOException("cannot rename " + staged.dir() + " to " + target);
        }
    }

    /** Removes a staged version after a failure (not after a kill: see {@link #cleanStaging}). */
    public void discard(Staged staged) throws IOException {
        fs.delete(staged.dir(), true);
    }

    /** Deletes every staging directory left by killed runs; call only when no other retrain of NAME runs. */
    public void cleanStaging() throws IOException {
        fs.delete(layout.staging(), true);
    }

    /** Points the champion alias at version N (atomic replace). N must be a complete version. */
    public void setChampion(int n) throws IOException {
        requireComplete(n);
        AtomicOps.replaceFile(fs, conf, layout.champion(), (n + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records version N's outcome: when {@code promote}, points the champion alias at N; then, and only then,
     * writes {@code decisions/N.json} (atomically, so a reader sees all of it or none). See the class comment
     * for why this order.
     *
     * @return the decision file
     */
    public Path recordOutcome(int n, boolean promote, Map<String, Object> decision) throws IOException {
        if (promote) {
            setChampion(n);
        }
        if (Boolean.getBoolean(CRASH_BEFORE_DECISION)) {
            throw new SimulatedCrash("simulated crash before writing the decision of version " + n);
        }
        return writeJson(layout.decision(n), decision);
    }

    /**
     * Points the champion back at version N and records {@code decisions/rollback-MILLIS-to-N.json}.
     *
     * @throws IllegalArgumentException when N does not exist or is incomplete (the alias is then untouched)
     */
    public Map<String, Object> rollback(int n, String by) throws IOException {
        requireComplete(n);
        OptionalInt before = champion();
        setChampion(n);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action", "rollback");
        d.put("version", n);
        d.put("champion_before", before.isPresent() ? before.getAsInt() : null);
        d.put("champion_after", n);
        d.put("reason", by);
        d.put("created", Instant.now().toString());
        long now = System.currentTimeMillis();
        writeJson(new Path(layout.decisions(), "rollback-" + now + "-to-" + n + ".json"), d);
        return d;
    }

    /**
     * Keeps the {@code keep} newest complete versions and the champion; deletes the other complete versions
     * (moved to _trash/ first, so a half-deleted version is never visible) and their {@code quarantine/N}
     * (nothing refers to a deleted version's bad rows). Decisions and claims stay.
     *
     * @return the deleted version numbers, ascending
     */
    public List<Integer> retain(int keep) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("registry.keep given invalid value " + keep + "; allowed: >= 1");
        }
        List<Integer> versions = versions();
        OptionalInt champion = champion();
        List<Integer> deleted = new ArrayList<>();
        for (int i = 0; i < versions.size() - keep; i++) {
            int n = versions.get(i);
            if (champion.isPresent() && champion.getAsInt() == n) {
                continue;
            }
            Path trash = new Path(layout.trash(), n + "-" + UUID.randomUUID());
            fs.mkdirs(layout.trash());
            if (!fs.rename(layout.version(n), trash)) {
                throw new IOException("cannot move " + layout.version(n) + " to " + trash);
            }
            fs.delete(trash, true);
            fs.delete(layout.quarantine(n), true); // after the version: a crash in between leaves only bookkeeping
            deleted.add(n);
        }
        return deleted;
    }

    private void requireComplete(int n) throws IOException {
        if (!fs.exists(layout.version(n))) {
            throw new IllegalArgumentException("registry " + layout.base() + " has no version " + n
                    + "; complete versions: " + versions());
        }
        if (!isComplete(n)) {
            throw new IllegalArgumentException("version " + n + " of registry " + layout.base()
                    + " is incomplete (no _SUCCESS, model.zip or manifest.json in " + layout.version(n)
                    + "); it cannot become the champion");
        }
    }

    /** Numbers of the entries of {@code dir} whose names are version numbers. */
    private List<Integer> numbered(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            Integer n = RegistryLayout.versionNumber(s.getPath().getName());
            if (n != null) {
                out.add(n);
            }
        }
        Collections.sort(out);
        return out;
    }

    private Path writeJson(Path p, Map<String, Object> content) throws IOException {
        AtomicFiles.writeAtomically(conf, p.toString(), JSON.writeValueAsBytes(content));
        return p;
    }

    private void write(Path p, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(p, false)) {
            out.write(bytes);
        }
    }
}
