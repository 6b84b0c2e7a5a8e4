package io.sparkact.train;

import io.sparkact.health.HealthMonitor;
import io.sparkact.health.HealthRecord;
import io.sparkact.health.MergeableAccumulator;
import io.sparkact.models.Models;
import io.sparkact.models.ModelSpec;
import io.sparkact.plugin.MetricsListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Trains a CTR model on Spark epoch by epoch, evaluates on the validation RDD after every epoch,
 * stops early on validation logloss and guards against divergence.
 *
 * <p>Early stopping (Prechelt, "Early Stopping — But When?", 1998): after {@code patience} epochs
 * without a lower validation logloss training stops, and the best epoch's parameters and updater state
 * are put back. Divergence: a non-finite training score or parameter after an epoch throws
 * {@link DivergenceException}, and so does a parameter beyond {@link DivergenceGuard#MAX_PARAM}; the driver sees only
 * whole fits, so the message names the epoch.
 *
 * <p>An epoch's {@code train_loss} is the mean data loss over every minibatch it fitted, recorded on the workers by
 * {@link TrainLossListener}; the score dl4j-spark leaves after a fit is the loss of one minibatch per worker.
 *
 * <p>Checkpoints ({@link EpochCheckpoints}): after every complete epoch the whole {@link TrainingState} is saved, and
 * a run that finds one resumes after its epoch. Under parameter averaging each epoch's minibatch split is seeded
 * by {@link #epochSeed}(seed, epoch), so a resumed run trains its remaining epochs on the same splits as an
 * uninterrupted one; gradient sharing's split (an equal repartition) does not depend on a seed, and its
 * asynchronous updates differ from run to run anyway.
 */
public final class SparkTrainer {

    private final JavaSparkContext sc;
    private final ModelSpec model;
    private final TrainingSpec training;

    public SparkTrainer(JavaSparkContext sc, ModelSpec model, TrainingSpec training) {
        this.sc = sc;
        this.model = model;
        this.training = training;
    }

    /**
     * Trains and returns the model with its per-epoch records. {@code progress} gets one line per epoch:
     * epoch, train loss, val AUC, val logloss, examples/s and the estimated time left.
     */
    public TrainResult train(JavaRDD<MultiDataSet> trainData, JavaRDD<MultiDataSet> validData,
                             Consumer<String> progress) {
        return train(null, trainData, validData, progress);
    }

    /**
     * As {@link #train(JavaRDD, JavaRDD, Consumer)}, starting from {@code initial} (a warm start: its
     * architecture, parameters and updater state, e.g. a registry champion) instead of a fresh
     * {@code Models.build(model)}; null means a fresh graph. {@code model} must describe {@code initial}.
     */
    public TrainResult train(ComputationGraph initial, JavaRDD<MultiDataSet> trainData, JavaRDD<MultiDataSet> validData,
                             Consumer<String> progress) {
        try {
            return train(initial, trainData, validData, progress, EpochCheckpoints.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // NONE does no I/O
        }
    }

    /**
     * As {@link #train(ComputationGraph, JavaRDD, JavaRDD, Consumer)}, keeping a {@link TrainingState} in
     * {@code checkpoints} after every complete epoch. When {@code checkpoints} already holds one, training resumes
     * after its epoch with its model, records and early-stopping state ({@code initial} is then ignored), and
     * {@code progress} says so first ("resuming after epoch N ...").
     *
     * @throws IOException when a checkpoint cannot be written or read
     */
    public TrainResult train(ComputationGraph initial, JavaRDD<MultiDataSet> trainData, JavaRDD<MultiDataSet> validData,
                             Consumer<String> progress, EpochCheckpoints checkpoints) throws IOException {
        SparkSetup.checkKryo(sc.getConf());
        long start = System.nanoTime();
        long examples = trainData.map(m -> m.getLabels(0).size(0)).fold(0L, Long::sum);
        if (examples == 0) {
            throw new IllegalArgumentException("training data is empty: no minibatch with any example");
        }
        Optional<TrainingState> resumed = checkpoints.latest();
        Run run;
        if (resumed.isPresent()) {
            run = resume(resumed.get(), examples);
            progress.accept(String.format(Locale.ROOT, "resuming after epoch %d of %d from its checkpoint (best epoch "
                    + "%d, val_logloss %.5f)", run.epochs.size(), training.epochs(), run.best.epoch,
                    run.best.metrics.logloss()));
        } else {
            run = new Run(initial == null ? Models.build(model) : initial);
            // a warm start counts again: the prior is per occurrence in THIS run's training data
            long rows = EmbeddingCounts.apply(run.graph, trainData);
            if (rows > 0) {
                progress.accept("mini-batch aware L2 on the embedding table: " + rows + " distinct rows occur in the "
                        + "training data");
            }
        }
        HealthMonitor health = new HealthMonitor(sc, run.graph.getConfiguration(), model.activation().toString());
        MergeableAccumulator<TrainLoss> trainLoss = new MergeableAccumulator<>(TrainLoss.identity());
        sc.sc().register(trainLoss, "sparkact.train.loss");
        int workers = TrainingMasters.workers(sc, training);
        SparkComputationGraph net = null;
        boolean sharing = training.master() == TrainingSpec.Master.SHARING;
        try (ExecutorLossGuard guard = sharing ? new ExecutorLossGuard(sc.sc()) : null) {
            for (int epoch = run.epochs.size() + 1; epoch <= training.epochs() && !run.stopsEarly(); epoch++) {
                if (net == null || training.master() == TrainingSpec.Master.AVERAGING) {
                    // Averaging draws each epoch's split of the minibatches from its master's RNG; a master per epoch
                    // seeded from (seed, epoch) makes epoch k's split the same whether the run got there directly or
                    // resumed. Sharing keeps one master (its Aeron parameter server) for the run. The graph object
                    // is the same throughout: the masters update it in place.
                    long seed = training.master() == TrainingSpec.Master.AVERAGING ? epochSeed(model.seed(), epoch)
                            : model.seed();
                    net = new SparkComputationGraph(sc, run.graph,
                            TrainingMasters.create(sc, training, workers, seed, trainData));
                    // MetricsListener feeds SparkActPlugin's gauges when the plugin is on
                    health.attach(net, new MetricsListener(), new TrainLossListener(trainLoss));
                }
                // averaging hands each split the driver's configuration, the updaters' learning rates included
                EpochRates.apply(net.getNetwork(), model, training, epoch);
                EpochRecord rec = fitEpoch(run, net, health, trainLoss, epoch, trainData, validData,
                        new SharingWatch(guard, checkpoints != EpochCheckpoints.NONE));
                checkpoints.save(run.state(model.seed(), examples));
                progress.accept(line(rec, examples / run.lastFitSeconds, rec.seconds() * (training.epochs() - epoch)));
                long recorded = trainLoss.value().examples();
                if (recorded != examples) {
                    // fewer: minibatches not fitted (what WholeSplitAveragingMaster exists to prevent) or not recorded;
                    // more: a retried task records its minibatches again; none: train_loss falls back to DL4J's score
                    progress.accept("note: epoch " + epoch + " fitted " + recorded + " examples by its listener's count;"
                            + " the training data has " + examples + (recorded == 0
                            ? " (none recorded: train_loss is the loss of the last minibatch per worker)"
                            : recorded < examples ? " (the rest was not fitted in this epoch, or not recorded)"
                            : " (a retried task fits and records its minibatches again)"));
                }
                if (run.stopsEarly()) {
                    progress.accept("early stopping after epoch " + epoch + ": validation logloss has not improved "
                            + "since epoch " + run.best.epoch);
                }
            }
        }
        ComputationGraph graph = run.graph;
        if (run.best.epoch != run.epochs.size()) {
            run.best.restoreInto(graph);
        }
        double total = (System.nanoTime() - start) / 1e9;
        return new TrainResult(graph, model, List.copyOf(run.epochs), run.best.epoch, run.best.metrics, examples,
                examples * run.epochs.size() / run.fitSeconds, total, List.copyOf(run.health));
    }

    /** Fits one epoch, checks for divergence, evaluates, and records the epoch in {@code run}. */
    private EpochRecord fitEpoch(Run run, SparkComputationGraph net, HealthMonitor health,
                                 MergeableAccumulator<TrainLoss> trainLoss, int epoch,
                                 JavaRDD<MultiDataSet> trainData, JavaRDD<MultiDataSet> validData, SharingWatch watch) {
        long t0 = System.nanoTime();
        health.startEpoch();
        trainLoss.reset();
        fit(net, trainData, epoch, watch);
        double fitSec = (System.nanoTime() - t0) / 1e9;
        run.fitSeconds += fitSec;
        run.lastFitSeconds = fitSec;
        ComputationGraph graph = net.getNetwork();
        // ParameterAveraging reports its score on the Spark wrapper, SharedTrainingMaster on the graph
        double score = training.master() == TrainingSpec.Master.AVERAGING ? net.getScore() : graph.score();
        DivergenceGuard.check(epoch, score, graph.params(), model.learningRate());
        // the mean data loss over every minibatch of the epoch (TrainLossListener); the score DL4J leaves after a fit
        // is one minibatch per worker. Without any record (no minibatch reached a listener), that score minus the
        // L2 penalty at the final parameters.
        TrainLoss fitted = trainLoss.value();
        double epochLoss = fitted.isEmpty() ? score - graph.calcRegularizationScore(true) : fitted.mean();
        Evaluation evaluation = Evaluator.evaluate(sc, graph, validData, true);
        EvalMetrics val = evaluation.metrics();
        run.health.addAll(health.records(epoch, evaluation.health()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochRecord rec = new EpochRecord(epoch, epochLoss, val.auc(), val.logloss(), seconds);
        run.epochs.add(rec);
        // without early stopping the last epoch is the result; with it, the lowest validation logloss
        if (run.best == null || training.patience() == 0 || val.logloss() < run.best.metrics.logloss()) {
            run.best = new Best(epoch, val, graph);
        }
        run.graph = graph;
        return rec;
    }

    /** A gradient-sharing run's executor-loss guard (null under averaging) and whether its epochs are checkpointed. */
    private record SharingWatch(ExecutorLossGuard guard, boolean checkpointed) {

        /** What a rerun does, for the failure message. */
        String rerun(int lastComplete) {
            if (!checkpointed) {
                return "Rerun the same command (this run keeps no epoch checkpoints, so it starts again)";
            }
            return lastComplete == 0 ? "Rerun the same command (no epoch was complete, so it starts again)"
                    : "Rerun the same command to resume after epoch " + lastComplete + ", the last complete one";
        }
    }

    /**
     * One pass of the training master over {@code trainData}. Under sharing, an executor lost since the run's first
     * fit stops the run with a message naming the executor ({@link ExecutorLossGuard}): at once when the loss comes
     * during the pass, before the pass when it came between passes. The checkpoints of the complete epochs stay for
     * a rerun.
     */
    private void fit(SparkComputationGraph net, JavaRDD<MultiDataSet> trainData, int epoch, SharingWatch watch) {
        ExecutorLossGuard guard = watch.guard();
        if (guard == null) {
            net.fitMultiDataSet(trainData);
            return;
        }
        String before = guard.lost();
        if (before != null) {
            throw new IllegalStateException("gradient sharing lost " + before + " after epoch " + (epoch - 1)
                    + "; SharedTrainingMaster cannot go on without one of its workers (the next epoch would train "
                    + "with a dead member in its mesh), so the run stops without a result. " + watch.rerun(epoch - 1)
                    + ", or use training.master=averaging, which survives a lost executor");
        }
        // Exception, not RuntimeException: a cancelled Spark job surfaces as SparkException, which Scala throws
        // undeclared (a checked exception Java code cannot name in a catch of its own).
        Exception failure = null;
        guard.fitting(true);
        try {
            net.fitMultiDataSet(trainData);
        } catch (Exception e) {
            failure = e;
        } finally {
            guard.fitting(false);
        }
        if (guard.lost() != null) {
            throw new IllegalStateException("gradient sharing lost " + guard.lost() + " in epoch " + epoch
                    + "; SharedTrainingMaster cannot go on without one of its workers, so the run stops without "
                    + "a result. " + watch.rerun(epoch - 1) + ", or use training.master=averaging, which survives "
                    + "a lost executor", failure);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw new IllegalStateException("gradient sharing failed in epoch " + epoch + ": " + failure, failure);
        }
    }

    /** The run a checkpoint continues; refuses one that cannot belong to this training. */
    private Run resume(TrainingState s, long examples) {
        if (s.seed() != model.seed() || s.trainExamples() != examples || s.epoch() > training.epochs()) {
            throw new IllegalArgumentException("the checkpoint after epoch " + s.epoch() + " (seed " + s.seed() + ", "
                    + s.trainExamples() + " training examples) does not belong to this training (seed " + model.seed()
                    + ", " + examples + " training examples, " + training.epochs() + " epochs)");
        }
        Run run = new Run(s.model());
        run.epochs.addAll(s.epochs());
        run.health.addAll(s.health());
        run.fitSeconds = s.fitSeconds();
        run.best = s.bestParams() == null ? new Best(s.bestEpoch(), s.bestMetrics(), s.model())
                : new Best(s.bestEpoch(), s.bestMetrics(), s.bestParams(), s.bestUpdaterState());
        return run;
    }

    /**
     * The seed of epoch {@code epoch}'s minibatch split under parameter averaging: a SplitMix64 step over
     * (seed, epoch), so neighbouring seeds and epochs give unrelated splits.
     */
    static long epochSeed(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * epoch;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String line(EpochRecord r, double examplesPerSec, double etaSeconds) {
        return String.format(Locale.ROOT, "epoch %d: train_loss %.5f  val_auc %.5f  val_logloss %.5f  %.0f examples/s  ETA %.0f s",
                r.epoch(), r.trainLoss(), r.valAuc(), r.valLogloss(), examplesPerSec, etaSeconds);
    }

    /** The mutable state of one run across epochs; {@link #state} snapshots it for a checkpoint. */
    private final class Run {
        ComputationGraph graph;
        final List<EpochRecord> epochs = new ArrayList<>();
        final List<HealthRecord> health = new ArrayList<>();
        Best best;
        double fitSeconds;
        double lastFitSeconds;

        Run(ComputationGraph graph) {
            this.graph = graph;
        }

        boolean stopsEarly() {
            return best != null && training.patience() > 0 && epochs.size() - best.epoch >= training.patience();
        }

        TrainingState state(long seed, long examples) {
            boolean current = best.epoch == epochs.size();
            return new TrainingState(epochs.size(), seed, graph, epochs, health, best.epoch, best.metrics,
                    current ? null : best.params, current ? null : best.updaterState, examples, fitSeconds);
        }
    }

    /** The best epoch so far: its metrics and a copy of its parameters and updater state. */
    private static final class Best {
        final int epoch;
        final EvalMetrics metrics;
        final INDArray params;
        final INDArray updaterState;

        Best(int epoch, EvalMetrics metrics, ComputationGraph g) {
            this(epoch, metrics, g.params().dup(), g.getUpdater() == null || g.getUpdater().getStateViewArray() == null
                    ? null : g.getUpdater().getStateViewArray().dup());
        }

        Best(int epoch, EvalMetrics metrics, INDArray params, INDArray updaterState) {
            this.epoch = epoch;
            this.metrics = metrics;
            this.params = params;
            this.updaterState = updaterState;
        }

        void restoreInto(ComputationGraph g) {
            g.setParams(params);
            if (updaterState != null && g.getUpdater() != null && g.getUpdater().getStateViewArray() != null) {
                g.getUpdater().getStateViewArray().assign(updaterState);
            }
        }
    }
}
