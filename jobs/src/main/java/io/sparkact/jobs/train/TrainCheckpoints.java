package io.sparkact.jobs.train;

import io.sparkact.data.FeatureEncoding;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.train.CheckpointStore;
import io.sparkact.train.EpochCheckpoints;
import io.sparkact.train.TrainOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The train job's epoch checkpoints: {@code OUTPUT/_checkpoints} ({@link CheckpointStore}) when
 * {@code training.checkpoint} is on, with the run's fingerprint: every config key except those that cannot change
 * the result ({@link #NOT_FINGERPRINTED}), the sha256 of the fitted feature encoding, and the good row counts of
 * train and valid. So a rerun resumes only what the same command on the same input would have produced.
 */
final class TrainCheckpoints {

    /** The config key that turns checkpoints on or off. */
    static final String KEY = "training.checkpoint";
    /** The subdirectory of OUTPUT that holds them. */
    static final String DIR = "_checkpoints";
    /** Keys that do not change what training computes: where it goes, whether to replace, whether to checkpoint. */
    static final Set<String> NOT_FINGERPRINTED = Set.of("output", "overwrite", KEY);

    private final CheckpointStore store;

    private TrainCheckpoints(CheckpointStore store) {
        this.store = store;
    }

    /**
     * The checkpoints of this run. With overwrite=true on a finished output, checkpoints left beside the old
     * result (a run killed between its _SUCCESS and their deletion) are deleted: replacing starts from scratch.
     */
    static TrainCheckpoints open(JobConfig c, FeatureEncoding enc, long trainRows, long validRows, PrintStream log)
            throws IOException {
        String output = c.string("output");
        CheckpointStore store = new CheckpointStore(output + "/" + DIR, fingerprint(c, enc, trainRows, validRows),
                log::println);
        if (c.bool("overwrite") && TrainOutput.isFinished(output)) {
            store.clear();
        }
        if (!c.bool(KEY)) {
            return new TrainCheckpoints(null);
        }
        return new TrainCheckpoints(store);
    }

    /** What the trainer saves to and resumes from. */
    EpochCheckpoints checkpoints() {
        return store == null ? EpochCheckpoints.NONE : store;
    }

    /** Deletes the checkpoints once the result is committed (_SUCCESS written): they are no use after it. */
    void clear() throws IOException {
        if (store != null) {
            store.clear();
        }
    }

    static Map<String, String> fingerprint(JobConfig c, FeatureEncoding enc, long trainRows, long validRows) {
        Map<String, String> f = new LinkedHashMap<>();
        c.values().forEach((k, v) -> {
            if (!NOT_FINGERPRINTED.contains(k)) {
                f.put(k, JobConfig.hocon(v));
            }
        });
        f.put("feature encoding (sha256)", TrainOutput.sha256(enc.toJson().getBytes(StandardCharsets.UTF_8)));
        f.put("input.train good rows", Long.toString(trainRows));
        f.put("input.valid good rows", Long.toString(validRows));
        return f;
    }
}
