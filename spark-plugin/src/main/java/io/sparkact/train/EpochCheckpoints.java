package io.sparkact.train;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@link SparkTrainer} keeps a {@link TrainingState} after every complete epoch and finds the one to resume
 * from. {@link CheckpointStore} is the Hadoop FileSystem implementation; {@link #NONE} keeps nothing.
 */
public interface EpochCheckpoints {

    /** No checkpoints: every run starts from scratch. */
    EpochCheckpoints NONE = new EpochCheckpoints() {
        @Override
        public Optional<TrainingState> latest() {
            return Optional.empty();
        }

        @Override
        public void save(TrainingState state) {
        }
    };

    /** The last complete checkpoint, if any. */
    Optional<TrainingState> latest() throws IOException;

    /** Keeps {@code state}; when this returns, it is what {@link #latest()} finds. */
    void save(TrainingState state) throws IOException;
}
