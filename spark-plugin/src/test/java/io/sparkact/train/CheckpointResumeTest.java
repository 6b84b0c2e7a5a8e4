package io.sparkact.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.models.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * SparkTrainer with epoch checkpoints on local[2]: a run that crashes after epoch 2's checkpoint and is started
 * again resumes after epoch 2 and ends where an uninterrupted run with the same seed ends.
 */
class CheckpointResumeTest {

    private static LocalSpark spark;
    private static SyntheticCtr trainData;
    private static SyntheticCtr validData;

    @BeforeAll
    static void start() {
        spark = new LocalSpark("CheckpointResumeTest");
        trainData = new SyntheticCtr(3_200, 128, 1);
        validData = new SyntheticCtr(2_000, 500, 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Thrown by {@link CrashAfter} in place of the process dying. */
    static final class Crash extends RuntimeException {
        Crash(int epoch) {
            super("simulated crash after the checkpoint of epoch " + epoch);
        }
    }

    /** Saves to {@code store}, then "dies" once epoch {@code epoch}'s checkpoint is complete. */
    record CrashAfter(EpochCheckpoints store, int epoch) implements EpochCheckpoints {
        @Override
        public Optional<TrainingState> latest() throws IOException {
            return store.latest();
        }

        @Override
        public void save(TrainingState state) throws IOException {
            store.save(state);
            if (state.epoch() == epoch) {
                throw new Crash(epoch);
            }
        }
    }

    private static JavaRDD<MultiDataSet> rdd(SyntheticCtr d) {
        return spark.sc.parallelize(d.batches, 2);
    }

    private static TrainResult train(TrainingSpec spec, EpochCheckpoints cp, List<String> log) throws IOException {
        ModelSpec m = ModelSpec.builder().activation("relu").hidden(16, 8).embeddingDim(4)
                .hashBuckets(SyntheticCtr.BUCKETS).categoricalFields(SyntheticCtr.CAT)
                .numericInputs(SyntheticCtr.NUM).learningRate(0.01).seed(7).build();
        return new SparkTrainer(spark.sc, m, spec).train(null, rdd(trainData), rdd(validData), log::add, cp);
    }

    @Test
    void averagingResumesAfterTheLastCheckpointAndMatchesAnUninterruptedRun(@TempDir Path tmp) throws IOException {
        // patience 2 with 3 epochs: the early-stopping state travels in the checkpoint without ending the run
        TrainingSpec spec = TrainingSpec.builder().master("averaging").epochs(3).batchSize(128).patience(2).build();
        Map<String, String> fp = Map.of("run", "a");
        TrainResult straight = train(spec, new CheckpointStore(tmp.resolve("a").toString(), fp, s -> { }),
                new ArrayList<>());

        CheckpointStore store = new CheckpointStore(tmp.resolve("b").toString(), fp, s -> { });
        List<String> first = new ArrayList<>();
        assertThrows(Crash.class, () -> train(spec, new CrashAfter(store, 2), first));
        assertEquals(List.of(1, 2), List.copyOf(store.epochs()));
        List<String> second = new ArrayList<>();
        TrainResult resumed = train(spec, store, second);

        assertTrue(second.get(0).startsWith("resuming after epoch 2 of 3 from its checkpoint (best epoch "), second.get(0));
        assertEquals(2, second.size(), "one line for resuming, one for epoch 3 alone: " + second);
        assertTrue(second.get(1).startsWith("epoch 3: "), second.toString());
        assertEquals(3, resumed.epochs().size());
        // epochs 1 and 2 come from the checkpoint, byte for byte what the crashed run measured
        // the crash came after epoch 2's checkpoint and before its progress line
        assertEquals(1, first.size(), first.toString());
        assertTrue(first.get(0).startsWith("epoch 1: "), first.toString());
        for (int e = 0; e < 2; e++) {
            assertEquals(straight.epochs().get(e).valAuc(), resumed.epochs().get(e).valAuc(), 1e-9, "epoch " + (e + 1));
        }
        assertEquals(6, resumed.health().size(), "health: 2 hidden layers x 3 epochs");
        // the same seed gives the same per-epoch splits, so the resumed run ends where the straight one did
        assertEquals(straight.metrics().auc(), resumed.metrics().auc(), 0.01);
        assertEquals(straight.bestEpoch(), resumed.bestEpoch());
    }

    @Test
    void epochSeedsDifferAcrossEpochsAndSeeds() {
        // an epoch's split seed is a function of (seed, epoch) alone: the basis of resuming in the same order
        assertEquals(SparkTrainer.epochSeed(7, 3), SparkTrainer.epochSeed(7, 3));
        long[] seeds = {SparkTrainer.epochSeed(7, 1), SparkTrainer.epochSeed(7, 2), SparkTrainer.epochSeed(8, 1)};
        assertEquals(3, java.util.Arrays.stream(seeds).distinct().count(), java.util.Arrays.toString(seeds));
    }
}
