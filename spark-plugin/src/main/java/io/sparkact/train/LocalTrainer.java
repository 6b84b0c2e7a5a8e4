package io.sparkact.train;

import io.sparkact.health.GradNorms;
import io.sparkact.health.HealthProbe;
import io.sparkact.health.HealthRecord;
import io.sparkact.health.HealthStats;
import io.sparkact.health.HiddenLayer;
import io.sparkact.models.Models;
import io.sparkact.models.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Trains the model of a {@link ModelSpec} in this JVM alone — {@code ComputationGraph.fit} minibatch by
 * minibatch, no Spark — and evaluates it after every epoch with {@link LocalMetrics} and the
 * {@link HealthProbe}. It is the trainer of one sweep trial run as one Spark task, where many such trials
 * share the executors; {@link SparkTrainer} is the distributed one.
 *
 * <p>Semantics follow SparkTrainer where they can: the same model, minibatch size, epochs, early stopping
 * on validation logloss with {@code patience} (the best epoch's parameters are kept), divergence checks,
 * train_loss = data loss (the score minus the L2 penalty), health per hidden layer and epoch with
 * grad_norm as the mean over the epoch's minibatches. The order of the minibatches is shuffled each epoch
 * with the model seed + epoch, so a trial is reproducible.
 */
public final class LocalTrainer {

    private final ModelSpec model;
    private final TrainingSpec training;

    public LocalTrainer(ModelSpec model, TrainingSpec training) {
        this.model = model;
        this.training = training;
    }

    /** Trains a new model on {@code train}, evaluating on {@code valid} after every epoch. */
    public TrainResult train(InMemoryData train, InMemoryData valid) {
        return train(train, valid, null, 0);
    }

    /**
     * Continues training {@code start} (a model of this spec with its updater state, e.g. a checkpoint that
     * ModelSerializer restored) after {@code epochsDone} epochs, up to {@code training.epochs()} in all; with
     * {@code start} null a new model is built. The result's epoch records cover the epochs trained here.
     */
    public TrainResult train(InMemoryData train, InMemoryData valid, ComputationGraph start, int epochsDone) {
        if (epochsDone >= training.epochs()) {
            throw new IllegalArgumentException("nothing to train: " + epochsDone + " epochs done of "
                    + training.epochs());
        }
        long t00 = System.nanoTime();
        ComputationGraph graph = start == null ? Models.build(model) : start;
        if (epochsDone == 0) {
            EmbeddingCounts.apply(graph, train.batches(training.batchSize(), null));
        }
        List<HiddenLayer> layers = HiddenLayer.of(graph.getConfiguration());
        NormListener norms = new NormListener(layers);
        graph.setListeners(norms);
        List<MultiDataSet> validBatches = valid.batches(training.batchSize(), null);
        List<EpochRecord> records = new ArrayList<>();
        List<HealthRecord> health = new ArrayList<>();
        int bestEpoch = 0;
        EvalMetrics best = null;
        INDArray bestParams = null;
        double fitSeconds = 0;
        for (int epoch = epochsDone + 1; epoch <= training.epochs(); epoch++) {
            long t0 = System.nanoTime();
            norms.value = GradNorms.identity();
            double scoreSum = 0;
            int batches = 0;
            EpochRates.apply(graph, model, training, epoch);
            for (MultiDataSet mds : train.batches(training.batchSize(), new Random(model.seed() + epoch))) {
                graph.fit(mds);
                scoreSum += graph.score();
                batches++;
            }
            fitSeconds += (System.nanoTime() - t0) / 1e9;
            double trainLoss = scoreSum / batches - graph.calcRegularizationScore(true);
            DivergenceGuard.check(epoch, trainLoss, graph.params(), model.learningRate());
            Evaluated e = evaluate(graph, validBatches);
            for (HiddenLayer h : layers) {
                health.add(HealthRecord.of(epoch, "h" + h.index(), model.activation().toString(),
                        e.health.layer(h.index()), norms.value.mean(h.index())));
            }
            records.add(new EpochRecord(epoch, trainLoss, e.metrics.auc(), e.metrics.logloss(),
                    (System.nanoTime() - t0) / 1e9));
            if (best == null || training.patience() == 0 || e.metrics.logloss() < best.logloss()) {
                best = e.metrics;
                bestEpoch = epoch;
                bestParams = training.patience() > 0 ? graph.params().dup() : null;
            }
            if (training.patience() > 0 && epoch - bestEpoch >= training.patience()) {
                break;
            }
        }
        if (bestParams != null && bestEpoch != records.get(records.size() - 1).epoch()) {
            graph.setParams(bestParams);
        }
        double total = (System.nanoTime() - t00) / 1e9;
        return new TrainResult(graph, model, List.copyOf(records), bestEpoch, best, train.examples(),
                train.examples() * records.size() / fitSeconds, total, List.copyOf(health));
    }

    private record Evaluated(EvalMetrics metrics, HealthStats health) {
    }

    /** Predictions and health in one forward pass per minibatch, on a copy (the probe touches gradient views). */
    private static Evaluated evaluate(ComputationGraph trained, List<MultiDataSet> batches) {
        ComputationGraph g = new ComputationGraph(trained.getConfiguration().clone());
        g.init(trained.params().dup(), false);
        HealthProbe probe = new HealthProbe(g);
        HealthStats stats = probe.emptyStats();
        String outName = g.getConfiguration().getNetworkOutputs().get(0);
        int n = 0;
        for (MultiDataSet m : batches) {
            n += (int) m.getLabels(0).size(0);
        }
        double[] scores = new double[n];
        double[] labels = new double[n];
        int at = 0;
        for (MultiDataSet m : batches) {
            Map<String, INDArray> acts = MaskedForward.activations(g, m);
            probe.add(acts, stats);
            int rows = (int) m.getLabels(0).size(0);
            System.arraycopy(acts.get(outName).reshape(rows).toDoubleVector(), 0, scores, at, rows);
            System.arraycopy(m.getLabels(0).reshape(rows).toDoubleVector(), 0, labels, at, rows);
            at += rows;
        }
        return new Evaluated(LocalMetrics.of(scores, labels), stats);
    }

    /**
     * Gradient norms of a fit in this JVM. {@code io.sparkact.health.GradNormListener} cannot be used: inside
     * a Spark task it reports only to accumulator copies deserialised by that task, and this one never is.
     */
    private static final class NormListener extends BaseTrainingListener {
        private final List<String> weights;
        GradNorms value = GradNorms.identity();

        NormListener(List<HiddenLayer> layers) {
            this.weights = layers.stream().map(h -> h.weightVertex() + "_W").toList();
        }

        @Override
        public void onGradientCalculation(Model model) {
            Gradient g = model.gradient();
            if (g == null) {
                return;
            }
            double[] n = new double[weights.size()];
            for (int i = 0; i < n.length; i++) {
                INDArray w = g.getGradientFor(weights.get(i));
                n[i] = w == null ? Double.NaN : w.norm2Number().doubleValue();
            }
            value.add(n);
        }
    }
}
