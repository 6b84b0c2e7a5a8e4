package io.sparkact.train;

import io.sparkact.layers.EmbeddingLookupLayer;
import io.sparkact.layers.params.EmbeddingLookupParamInitializer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Occurrence counts of the embedding rows in the training data, for the mini-batch aware L2 of
 * {@link EmbeddingLookupLayer}: one distributed pass over the minibatches counts every index of the categorical input
 * (features 0) at a position whose feature mask is not 0, and each layer with the L2 on gets 1 / n_j (0 for a row that
 * never occurs) in its inverse-count parameter. Every embedding layer of SparkAct's models reads the categorical input,
 * so one count serves them all.
 */
final class EmbeddingCounts {

    private EmbeddingCounts() {
    }

    /** The embedding layers of {@code graph} whose mini-batch aware L2 is on. */
    static List<Layer> regularised(ComputationGraph graph) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : graph.getLayers()) {
            if (l.conf().getLayer() instanceof EmbeddingLookupLayer e && e.hasFrequencyL2()) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Sets the inverse counts of every regularised embedding layer of {@code graph} from {@code data}; returns the
     * number of distinct rows that occur (0, and no pass over the data, when no layer needs them).
     */
    static long apply(ComputationGraph graph, JavaRDD<MultiDataSet> data) {
        List<Layer> layers = regularised(graph);
        if (layers.isEmpty()) {
            return 0;
        }
        int vocab = Math.toIntExact(((EmbeddingLookupLayer) layers.get(0).conf().getLayer()).getNIn());
        return set(layers, count(data, vocab));
    }

    /** As {@link #apply(ComputationGraph, JavaRDD)} for minibatches in memory (the single-process trainer). */
    static long apply(ComputationGraph graph, Iterable<? extends MultiDataSet> data) {
        List<Layer> layers = regularised(graph);
        if (layers.isEmpty()) {
            return 0;
        }
        long[] counts = new long[Math.toIntExact(((EmbeddingLookupLayer) layers.get(0).conf().getLayer()).getNIn())];
        for (MultiDataSet m : data) {
            add(m, counts);
        }
        return set(layers, counts);
    }

    private static long set(List<Layer> layers, long[] counts) {
        int vocab = counts.length;
        float[] inverse = new float[vocab];
        long distinct = 0;
        for (int j = 0; j < vocab; j++) {
            if (counts[j] > 0) {
                inverse[j] = (float) (1.0 / counts[j]);
                distinct++;
            }
        }
        INDArray row = Nd4j.createFromArray(inverse).reshape(1, vocab);
        for (Layer l : layers) {
            long n = ((EmbeddingLookupLayer) l.conf().getLayer()).getNIn();
            if (n != vocab) {
                throw new IllegalStateException("embedding layers of one model with different vocabularies: " + vocab
                        + " and " + n);
            }
            l.getParam(EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY).assign(row.castTo(l.getParam(
                    EmbeddingLookupParamInitializer.INVERSE_COUNT_KEY).dataType()));
        }
        return distinct;
    }

    /** n_j for every row j in [0, vocab): occurrences in features 0 at unmasked positions. */
    static long[] count(JavaRDD<MultiDataSet> data, int vocab) {
        return data.mapPartitions((Iterator<MultiDataSet> it) -> {
            long[] c = new long[vocab];
            while (it.hasNext()) {
                add(it.next(), c);
            }
            return List.of(c).iterator();
        }).treeReduce(EmbeddingCounts::sum);
    }

    /** Adds one minibatch's occurrences into {@code c}. */
    static void add(MultiDataSet m, long[] c) {
        INDArray f = m.getFeatures(0);
        INDArray mask = m.getFeaturesMaskArrays() == null ? null : m.getFeaturesMaskArray(0);
        double[] idx = f.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[] on = mask == null ? null : mask.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        for (int p = 0; p < idx.length; p++) {
            if (on == null || on[p] != 0) {
                int j = (int) idx[p];
                if (j < 0 || j >= c.length || j != idx[p]) {
                    throw new IllegalArgumentException("categorical index " + idx[p] + " outside the embedding "
                            + "vocabulary [0, " + c.length + ")");
                }
                c[j]++;
            }
        }
    }

    private static long[] sum(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
