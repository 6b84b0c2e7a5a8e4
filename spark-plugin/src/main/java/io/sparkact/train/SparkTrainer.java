package io.sparkact.train;

import io.sparkact.health.HealthMonitor;
import io.sparkact.health.HealthRecord;
import io.sparkact.models.Models;
import io.sparkact.models.ModelSpec;
import io.sparkact.plugin.MetricsListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingMaster;
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
        SparkSetup.checkKryo(sc.getConf());
        long start = System.nanoTime();
        long examples = trainData.map(m -> m.getLabels(0).size(0)).fold(0L, Long::sum);
        if (examples == 0) {
            throw new IllegalArgumentException("training data is empty: no minibatch with any example");
        }
        ComputationGraph graph = initial == null ? Models.build(model) : initial;
        TrainingMaster master = TrainingMasters.create(sc, training, model.seed(), trainData);
        SparkComputationGraph net = new SparkComputationGraph(sc, graph, master);
        HealthMonitor health = new HealthMonitor(sc, graph.getConfiguration(), model.activation().toString());
        health.attach(net, new MetricsListener()); // feeds SparkActPlugin's gauges when the plugin is on
        List<HealthRecord> healthRecords = new ArrayList<>();
        List<EpochRecord> records = new ArrayList<>();
        Best best = null;
        double fitSeconds = 0;
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            long t0 = System.nanoTime();
            health.startEpoch();
            net.fitMultiDataSet(trainData);
            double fitSec = (System.nanoTime() - t0) / 1e9;
            fitSeconds += fitSec;
            ComputationGraph current = net.getNetwork();
            // ParameterAveraging reports its score on the Spark wrapper, SharedTrainingMaster on the graph
            double score = training.master() == TrainingSpec.Master.AVERAGING ? net.getScore() : current.score();
            DivergenceGuard.check(epoch, score, current.params(), model.learningRate());
            // DL4J's score includes the network's L2 penalty; report the data loss (binary cross-entropy) so that
            // train_loss compares with val_logloss. The penalty is taken at the averaged parameters, so under
            // parameter averaging this is an approximation of the workers' mean data loss.
            double trainLoss = score - current.calcRegularizationScore(true);
            Evaluation evaluation = Evaluator.evaluate(sc, current, validData, true);
            EvalMetrics val = evaluation.metrics();
            healthRecords.addAll(health.records(epoch, evaluation.health()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochRecord rec = new EpochRecord(epoch, trainLoss, val.auc(), val.logloss(), seconds);
            records.add(rec);
            // without early stopping the last epoch is the result; with it, the lowest validation logloss
            if (best == null || training.patience() == 0 || val.logloss() < best.metrics.logloss()) {
                best = new Best(epoch, val, current);
            }
            progress.accept(line(rec, examples / fitSec, seconds * (training.epochs() - epoch)));
            if (training.patience() > 0 && epoch - best.epoch >= training.patience()) {
                progress.accept("early stopping after epoch " + epoch + ": validation logloss has not improved since epoch "
                        + best.epoch);
                break;
            }
        }
        ComputationGraph result = net.getNetwork();
        if (best.epoch != records.size()) {
            best.restoreInto(result);
        }
        double total = (System.nanoTime() - start) / 1e9;
        return new TrainResult(result, model, List.copyOf(records), best.epoch, best.metrics, examples,
                examples * records.size() / fitSeconds, total, List.copyOf(healthRecords));
    }

    private static String line(EpochRecord r, double examplesPerSec, double etaSeconds) {
        return String.format(Locale.ROOT, "epoch %d: train_loss %.5f  val_auc %.5f  val_logloss %.5f  %.0f examples/s  ETA %.0f s",
                r.epoch(), r.trainLoss(), r.valAuc(), r.valLogloss(), examplesPerSec, etaSeconds);
    }

    /** The best epoch so far: its metrics and a copy of its parameters and updater state. */
    private static final class Best {
        final int epoch;
        final EvalMetrics metrics;
        final INDArray params;
        final INDArray updaterState;

        Best(int epoch, EvalMetrics metrics, ComputationGraph g) {
            this.epoch = epoch;
            this.metrics = metrics;
            this.params = g.params().dup();
            INDArray state = g.getUpdater() == null ? null : g.getUpdater().getStateViewArray();
            this.updaterState = state == null ? null : state.dup();
        }

        void restoreInto(ComputationGraph g) {
            g.setParams(params);
            if (updaterState != null && g.getUpdater() != null && g.getUpdater().getStateViewArray() != null) {
                g.getUpdater().getStateViewArray().assign(updaterState);
            }
        }
    }
}
