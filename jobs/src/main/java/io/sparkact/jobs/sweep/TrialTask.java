package io.sparkact.jobs.sweep;

import io.sparkact.io.AtomicFiles;
import io.sparkact.models.ModelSpec;
import io.sparkact.plugin.Nd4jThreads;
import io.sparkact.train.InMemoryData;
import io.sparkact.train.LocalTrainer;
import io.sparkact.train.TrainResult;
import io.sparkact.train.TrainingSpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * One trial as the body of one Spark task: reads the training and validation samples from their Hadoop
 * FileSystem paths (or takes them from {@link SampleCache}, when an earlier trial in this JVM read them), trains single-process with {@link LocalTrainer} and returns {@link TrialMetrics}.
 * ND4J's native ops and OpenBLAS are limited to one thread first ({@link Nd4jThreads#apply}): as many trials run
 * at once as there are executor cores, and each multi-threading on its own would oversubscribe them. (The setting is per JVM; with a local
 * master the driver's own ND4J is affected too, which {@link TrialParallel} restores afterwards.)
 *
 * <p>Successive halving: a trial may continue from a checkpoint (ModelSerializer zip with updater state)
 * after {@code epochsDone} epochs, and may write its own model as a checkpoint for the next rung.
 */
final class TrialTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ModelSpec model;
    private final TrainingSpec training;
    private final String trainPath;
    private final String validPath;
    private final Checkpoints checkpoints;

    /**
     * Where a trial starts from and what it leaves: {@code from} (null = a new model) after {@code epochsDone}
     * epochs; {@code to} (null = none) receives the trained model.
     */
    record Checkpoints(String from, int epochsDone, String to) implements Serializable {
        static final Checkpoints NONE = new Checkpoints(null, 0, null);
    }

    TrialTask(ModelSpec model, TrainingSpec training, String trainPath, String validPath, Checkpoints checkpoints) {
        this.model = model;
        this.training = training;
        this.trainPath = trainPath;
        this.validPath = validPath;
        this.checkpoints = checkpoints;
    }

    LinkedHashMap<String, Object> run() throws Exception {
        Nd4jThreads.apply(1); // ND4J's op threads and OpenBLAS's gemm threads (setMaxThreads alone is ignored natively)
        InMemoryData train = SampleCache.get(trainPath); // read once per executor JVM and sweep, not per trial
        InMemoryData valid = SampleCache.get(validPath);
        ComputationGraph start = null;
        if (checkpoints.from() != null) {
            Path p = new Path(checkpoints.from());
            try (InputStream in = p.getFileSystem(new Configuration()).open(p)) {
                start = ModelSerializer.restoreComputationGraph(in, true);
            }
        }
        TrainResult r = new LocalTrainer(model, training).train(train, valid, start, checkpoints.epochsDone());
        if (checkpoints.to() != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(r.graph(), bytes, true);
            AtomicFiles.writeAtomically(checkpoints.to(), bytes.toByteArray());
        }
        return TrialMetrics.of(r);
    }
}
