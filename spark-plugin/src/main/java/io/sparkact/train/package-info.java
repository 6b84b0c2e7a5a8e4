/**
 * Training on Spark, distributed evaluation and the train outputs.
 *
 * <p>{@link io.sparkact.train.SparkTrainer} trains a model built from a {@link io.sparkact.models.ModelSpec}
 * epoch by epoch with dl4j-spark's {@code SparkComputationGraph} under parameter averaging or gradient
 * sharing ({@link io.sparkact.train.TrainingSpec}), evaluates after every epoch with
 * {@link io.sparkact.train.Evaluator} (predictions on the executors, exact AUC, logloss, calibration),
 * stops early on validation logloss and refuses a diverged model
 * ({@link io.sparkact.train.DivergenceException}). {@link io.sparkact.train.TrainOutput} writes
 * {@code model/model.zip}, {@code model/manifest.json}, {@code metrics.json} and {@code _SUCCESS} (last)
 * on any Hadoop FileSystem, and loads a model back after checking its sha256.
 *
 * <p>Single-process training for sweep trials: {@link io.sparkact.train.LocalTrainer} fits the same model in one
 * JVM (optionally continuing from a checkpoint) on an {@link io.sparkact.train.InMemoryData} and evaluates
 * with {@link io.sparkact.train.LocalMetrics} (the same AUC, logloss and calibration) and the health probe.
 *
 * <p>Input contract: a {@code JavaRDD<MultiDataSet>}, one element per minibatch; features in the order
 * categorical indices {@code [b, nCat]}, numeric {@code [b, nNum]} (each only when its count is &gt; 0);
 * labels FLOAT {@code [b, 1]} with values 0/1.
 */
package io.sparkact.train;
