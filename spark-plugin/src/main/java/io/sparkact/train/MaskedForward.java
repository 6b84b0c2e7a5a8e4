package io.sparkact.train;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Inference forward passes that honour a minibatch's feature masks (behaviour sequences: padded positions
 * are masked). {@code ComputationGraph.feedForward(INDArray[], boolean)} takes no masks but uses the ones set
 * on the graph, so they are set for the pass and cleared after it.
 */
public final class MaskedForward {

    private MaskedForward() { }

    /** Every vertex's activations in inference mode (what the health probe reads). */
    public static Map<String, INDArray> activations(ComputationGraph g, MultiDataSet m) {
        INDArray[] masks = m.getFeaturesMaskArrays();
        if (masks == null) {
            return g.feedForward(m.getFeatures(), false);
        }
        g.setLayerMaskArrays(masks, null);
        try {
            return g.feedForward(m.getFeatures(), false);
        } finally {
            g.clearLayerMaskArrays();
        }
    }

    /** The first output in inference mode. */
    public static INDArray output(ComputationGraph g, MultiDataSet m) {
        return g.output(false, m.getFeatures(), m.getFeaturesMaskArrays())[0];
    }
}
