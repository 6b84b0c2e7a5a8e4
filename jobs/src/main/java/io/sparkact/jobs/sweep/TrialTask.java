package io.sparkact.jobs.sweep;

import io.sparkact.models.ModelSpec;
import io.sparkact.train.InMemoryData;
import io.sparkact.train.LocalTrainer;
import io.sparkact.train.TrainingSpec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trial as the body of one Spark task: reads the training and validation samples from their Hadoop
 * FileSystem paths, trains single-process with {@link LocalTrainer} and returns {@link TrialMetrics}.
 * ND4J's native ops are limited to one thread first: as many trials run at once as there are executor cores,
 * and each multi-threading on its own would oversubscribe them. (The setting is per JVM; with a local
 * master the driver's own ND4J is affected too, which {@link TrialParallel} restores afterwards.)
 */
final class TrialTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ModelSpec model;
    private final TrainingSpec training;
    private final String trainPath;
    private final String validPath;

    TrialTask(ModelSpec model, TrainingSpec training, String trainPath, String validPath) {
        this.model = model;
        this.training = training;
        this.trainPath = trainPath;
        this.validPath = validPath;
    }

    LinkedHashMap<String, Object> run() throws Exception {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        InMemoryData train = InMemoryData.load(trainPath);
        InMemoryData valid = InMemoryData.load(validPath);
        return TrialMetrics.of(new LocalTrainer(model, training).train(train, valid));
    }
}
