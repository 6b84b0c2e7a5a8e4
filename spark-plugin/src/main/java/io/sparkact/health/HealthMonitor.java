package io.sparkact.health;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;

/**
 * The driver side of health tracking during training: registers the gradient-norm accumulator, attaches
 * the {@link GradNormListener} to the Spark network, resets the accumulator before each epoch's fit and
 * turns an epoch's validation {@link HealthStats} and gradient norms into {@link HealthRecord}s.
 */
public final class HealthMonitor {

    private final List<HiddenLayer> layers;
    private final String activation;
    private final MergeableAccumulator<GradNorms> gradNorms = new MergeableAccumulator<>(GradNorms.identity());

    /** Tracks the hidden layers of {@code conf} (DnnModel naming), labelled with {@code activation}. */
    public HealthMonitor(JavaSparkContext sc, ComputationGraphConfiguration conf, String activation) {
        this.layers = HiddenLayer.of(conf);
        this.activation = activation;
        sc.sc().register(gradNorms, "sparkact.health.grad_norms");
    }

    /**
     * Sets the gradient-norm listener and {@code others} on {@code net} (they replace any listeners set before:
     * SparkComputationGraph can only set its whole list).
     */
    public void attach(SparkComputationGraph net, TrainingListener... others) {
        List<TrainingListener> all = new ArrayList<>(List.of(others));
        all.add(0, new GradNormListener(gradNorms, layers.stream().map(HiddenLayer::weightVertex).toList()));
        net.setListeners(all);
    }

    /** Call before each epoch's fit: the norms recorded next belong to that epoch alone. */
    public void startEpoch() {
        gradNorms.reset();
    }

    /** One record per hidden layer for {@code epoch}, from the validation statistics measured after it. */
    public List<HealthRecord> records(int epoch, HealthStats validation) {
        GradNorms norms = gradNorms.value();
        List<HealthRecord> out = new ArrayList<>(layers.size());
        for (HiddenLayer h : layers) {
            LayerStats s = h.index() < validation.layerCount() ? validation.layer(h.index()) : new LayerStats(h.units());
            out.add(HealthRecord.of(epoch, "h" + h.index(), activation, s, norms.mean(h.index())));
        }
        return out;
    }
}
