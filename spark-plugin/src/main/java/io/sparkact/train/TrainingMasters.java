package io.sparkact.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.EqualRepartitioner;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Builds the dl4j-spark training master for a {@link TrainingSpec}.
 *
 * <p>Both use {@link RDDTrainingApproach#Direct}: the default Export approach refuses a file://
 * filesystem on a non-local master (STACK.md), and the RDD is already batched so there is nothing to
 * gain from exporting. Direct persists the RDD itself, so the storage level passed is the RDD's own
 * when the caller cached it (persisting at another level fails: "Cannot change storage level").
 *
 * <p>Otherwise the minibatches are kept deserialized ({@code MEMORY_ONLY}, ND4J arrays off-heap, about 4 bytes
 * per feature value): parameter averaging cuts each epoch into splits by scanning every partition once per
 * split ({@code SparkUtils.balancedRandomSplit}), so a serialized cache would deserialize the whole epoch's data
 * once per split, a cost that grows with rows squared (measured: 200k rows, one epoch, local[2]: 3,031
 * examples/s serialized, 3,415 deserialized, same AUC to the last digit).
 */
final class TrainingMasters {

    private TrainingMasters() {
    }

    /** The number of workers {@code spec} asks for: its own, or Spark's default parallelism now. */
    static int workers(JavaSparkContext sc, TrainingSpec spec) {
        return spec.workers() > 0 ? spec.workers() : sc.defaultParallelism();
    }

    /**
     * The master for {@code workers} workers (resolved once per run by the caller, so that an executor lost
     * mid-run does not change the averaging of the epochs after it) and minibatch-split seed {@code seed}.
     */
    static TrainingMaster create(JavaSparkContext sc, TrainingSpec spec, int workers, long seed,
                                 JavaRDD<MultiDataSet> train) {
        StorageLevel level = train.getStorageLevel().equals(StorageLevel.NONE())
                ? StorageLevel.MEMORY_ONLY() : train.getStorageLevel();
        if (spec.master() == TrainingSpec.Master.AVERAGING) {
            // WholeSplitAveragingMaster: the stock master leaves part of each split unfitted (see there)
            return new WholeSplitAveragingMaster(new ParameterAveragingTrainingMaster.Builder(workers, spec.batchSize())
                    .batchSizePerWorker(spec.batchSize())
                    .averagingFrequency(spec.averagingFrequency())
                    // The builder's saveUpdater field is never initialised in dl4j-spark 1.0.0-M2 (false, although
                    // its javadoc says true): the workers' Adam moments were then dropped after every split and each
                    // split restarted from the driver's never-updated, all-zero state.
                    .saveUpdater(true)
                    .workerPrefetchNumBatches(2)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .storageLevel(level)
                    .repartionData(Repartition.NumPartitionsWorkersDiffers)
                    .rngSeed(seed));
        }
        SparkSetup.applyDriverProperties();
        SparkSetup.checkForSharing(sc.getConf());
        int driverPort = DriverPortSupplier.freeUdpPort();
        VoidConfiguration voidConf = VoidConfiguration.builder()
                .controllerAddress(sc.getConf().get("spark.driver.host", "127.0.0.1"))
                .portSupplier(new DriverPortSupplier(driverPort))
                .build();
        return new SharedTrainingMaster.Builder(voidConf, workers, 1e-3, spec.batchSize())
                .batchSizePerWorker(spec.batchSize())
                .workersPerNode(1)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .storageLevel(level)
                .repartitionData(Repartition.NumPartitionsWorkersDiffers)
                // the default repartitioner makes one partition per minibatch; each extra partition in a JVM
                // is one more feeder hand-off in SharedTrainingWrapper, and one of those hung for good in
                // local[2] (a feeder task waiting in BlockingObserver after "Master thread done")
                .repartitioner(new EqualRepartitioner())
                .rngSeed(seed)
                .build();
    }
}
