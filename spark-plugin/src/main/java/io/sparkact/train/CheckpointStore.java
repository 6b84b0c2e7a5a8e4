package io.sparkact.train;

import io.sparkact.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Epoch checkpoints in a directory on any Hadoop FileSystem (the train job uses {@code OUTPUT/_checkpoints}: the
 * leading underscore is Hadoop's "not data" convention, like {@code _SUCCESS} and {@code _temporary}).
 *
 * <p>Layout: one directory per checkpoint, {@code epoch-NNNN/} with {@code model.zip} (ModelSerializer, updater
 * state included), {@code state.json} ({@link CheckpointJson}: epochs, health, early-stopping state, seed, the
 * run's fingerprint and the sha256 of every other file) and, when the best epoch is an earlier one,
 * {@code best-params.bin} and {@code best-updater.bin} (ND4J binary arrays).
 *
 * <p>Commit protocol: a checkpoint is written completely under {@code _temporary-UUID/} and renamed to
 * {@code epoch-NNNN} in one step (atomic on HDFS and local file systems), so a directory named {@code epoch-*}
 * is whole; older checkpoints beyond the newest {@link #KEEP} are deleted only after that rename. Reading takes the
 * newest checkpoint whose files match their digests and falls back to the one before (a damaged file is reported
 * on the log, never silently used).
 *
 * <p>Fingerprint: the caller's description of what must not change between a run and its resumption (the
 * training-relevant configuration, the feature encoding, the row counts). A checkpoint with another fingerprint is
 * refused with {@link IllegalArgumentException} naming every entry that differs.
 */
public final class CheckpointStore implements EpochCheckpoints {

    /** Checkpoints kept: the newest and the one before it, in case the newest is damaged. */
    public static final int KEEP = 2;
    static final String MODEL = "model.zip";
    static final String STATE = "state.json";
    static final String BEST_PARAMS = "best-params.bin";
    static final String BEST_UPDATER = "best-updater.bin";
    private static final String PREFIX = "epoch-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Map<String, String> fingerprint;
    private final Consumer<String> log;
    private final FileSystem fs;

    /**
     * @param dir the checkpoint directory (created on the first save)
     * @param fingerprint what a resumed run must share with the run that wrote the checkpoint
     * @param log where warnings go (a damaged checkpoint skipped)
     */
    public CheckpointStore(String dir, Map<String, String> fingerprint, Consumer<String> log) throws IOException {
        this.dir = new Path(dir);
        this.fingerprint = Map.copyOf(fingerprint);
        this.log = log;
        this.fs = AtomicFiles.fileSystem(this.dir, new Configuration());
    }

    /** The checkpoint directory. */
    public Path dir() {
        return dir;
    }

    @Override
    public void save(TrainingState s) throws IOException {
        Path staging = new Path(dir, "_temporary-" + UUID.randomUUID());
        Path target = new Path(dir, name(s.epoch()));
        try {
            Map<String, String> sha = new LinkedHashMap<>();
            sha.put(MODEL, write(new Path(staging, MODEL), TrainOutput.modelBytes(s.model())));
            if (s.bestParams() != null) {
                sha.put(BEST_PARAMS, write(new Path(staging, BEST_PARAMS), arrayBytes(s.bestParams())));
            }
            if (s.bestUpdaterState() != null) {
                sha.put(BEST_UPDATER, write(new Path(staging, BEST_UPDATER), arrayBytes(s.bestUpdaterState())));
            }
            write(new Path(staging, STATE), JSON.writeValueAsBytes(CheckpointJson.toMap(s, fingerprint, sha)));
            // a checkpoint of this epoch already there was found damaged (we resumed before it): replace it
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot remove the old checkpoint " + target);
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("cannot rename checkpoint " + staging + " to " + target);
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
        prune();
    }

    @Override
    public Optional<TrainingState> latest() throws IOException {
        for (int epoch : epochs().descendingSet()) {
            Path cp = new Path(dir, name(epoch));
            Map<String, Object> state;
            try {
                state = JSON.readValue(read(new Path(cp, STATE)), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IOException | RuntimeException e) {
                log.accept("warning: checkpoint " + cp + " is unreadable (" + e.getMessage() + "); trying an older one");
                continue;
            }
            checkFingerprint(cp, CheckpointJson.fingerprint(state));
            try {
                return Optional.of(load(cp, state));
            } catch (IOException | RuntimeException e) {
                log.accept("warning: checkpoint " + cp + " is damaged (" + e.getMessage() + "); trying an older one");
            }
        }
        return Optional.empty();
    }

    /** Deletes every checkpoint (after the result they led to is committed). */
    public void clear() throws IOException {
        if (fs.exists(dir) && !fs.delete(dir, true)) {
            throw new IOException("cannot delete " + dir);
        }
    }

    /** The epochs of the complete checkpoints present, ascending. */
    public TreeSet<Integer> epochs() throws IOException {
        TreeSet<Integer> out = new TreeSet<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (st.isDirectory() && n.matches(PREFIX + "\\d{4,}")) {
                out.add(Integer.parseInt(n.substring(PREFIX.length())));
            }
        }
        return out;
    }

    private void checkFingerprint(Path cp, Map<String, String> saved) {
        if (fingerprint.equals(saved)) {
            return;
        }
        List<String> diffs = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(fingerprint.keySet());
        if (saved != null) {
            keys.addAll(saved.keySet());
        }
        for (String k : keys) {
            String then = saved == null ? null : saved.get(k);
            String now = fingerprint.get(k);
            if (then == null ? now != null : !then.equals(now)) {
                diffs.add(k + " was " + show(then) + ", now " + show(now));
            }
        }
        throw new IllegalArgumentException("the checkpoint " + cp + " belongs to a run with another configuration or "
                + "input (" + String.join("; ", diffs) + "); rerun with the same configuration to resume it, or use "
                + "another output, or delete " + dir + " to start over");
    }

    private static String show(String v) {
        if (v == null) {
            return "(absent)";
        }
        return v.length() > 80 ? v.substring(0, 77) + "..." : v;
    }

    private TrainingState load(Path cp, Map<String, Object> state) throws IOException {
        Map<String, String> sha = CheckpointJson.sha256(state);
        ComputationGraph model = TrainOutput.restore(verified(cp, MODEL, sha));
        INDArray bestParams = sha.containsKey(BEST_PARAMS) ? array(verified(cp, BEST_PARAMS, sha)) : null;
        INDArray bestUpdater = sha.containsKey(BEST_UPDATER) ? array(verified(cp, BEST_UPDATER, sha)) : null;
        return new TrainingState(CheckpointJson.epoch(state), CheckpointJson.seed(state), model,
                CheckpointJson.epochs(state), CheckpointJson.health(state), CheckpointJson.bestEpoch(state),
                CheckpointJson.bestMetrics(state), bestParams, bestUpdater, CheckpointJson.trainExamples(state),
                CheckpointJson.fitSeconds(state));
    }

    private byte[] verified(Path cp, String file, Map<String, String> sha) throws IOException {
        byte[] bytes = read(new Path(cp, file));
        String actual = TrainOutput.sha256(bytes);
        if (!actual.equals(sha.get(file))) {
            throw new IOException(file + " has sha256 " + actual + ", state.json says " + sha.get(file));
        }
        return bytes;
    }

    /** Keeps the newest {@link #KEEP} checkpoints; removes older ones and staging directories of killed runs. */
    private void prune() throws IOException {
        List<Integer> epochs = new ArrayList<>(epochs());
        epochs.sort(Comparator.reverseOrder());
        for (int i = KEEP; i < epochs.size(); i++) {
            fs.delete(new Path(dir, name(epochs.get(i))), true);
        }
        for (FileStatus st : fs.listStatus(dir)) {
            if (st.getPath().getName().startsWith("_temporary-")) {
                fs.delete(st.getPath(), true); // one run writes here at a time: any other staging is a killed run's
            }
        }
    }

    private static String name(int epoch) {
        return String.format("%s%04d", PREFIX, epoch);
    }

    private String write(Path p, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(p, false)) {
            out.write(bytes);
        }
        return TrainOutput.sha256(bytes);
    }

    private byte[] read(Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    private static byte[] arrayBytes(INDArray a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(a, out);
        }
        return bytes.toByteArray();
    }

    private static INDArray array(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }
}
