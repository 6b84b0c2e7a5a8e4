package io.sparkact.train;

import io.sparkact.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A data set small enough for one JVM: all examples as one {@link MultiDataSet} (the minibatch contract of
 * this package, merged), cut into minibatches of any size on demand. It is what a single-process trainer
 * ({@link LocalTrainer}) fits, and it travels as one file on any Hadoop FileSystem (ND4J's
 * {@code MultiDataSet.save} format), so that a Spark task can read the training sample from a path rather
 * than from a broadcast held by the driver.
 */
public final class InMemoryData {

    private final MultiDataSet all;
    private final long examples;

    private InMemoryData(MultiDataSet all) {
        this.all = all;
        this.examples = all.getLabels(0).size(0);
    }

    /** Merges minibatches (in order) into one data set; at least one example is required. */
    public static InMemoryData of(List<? extends org.nd4j.linalg.dataset.api.MultiDataSet> batches) {
        List<org.nd4j.linalg.dataset.api.MultiDataSet> nonEmpty = new ArrayList<>();
        for (org.nd4j.linalg.dataset.api.MultiDataSet m : batches) {
            if (m.getLabels(0).size(0) > 0) {
                nonEmpty.add(m);
            }
        }
        if (nonEmpty.isEmpty()) {
            throw new IllegalArgumentException("no minibatch with any example");
        }
        return new InMemoryData(MultiDataSet.merge(nonEmpty));
    }

    public long examples() {
        return examples;
    }

    /** Writes the data set to {@code path}, replacing it atomically (readers never see a partial file). */
    public void save(String path) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        all.save(bytes);
        AtomicFiles.writeAtomically(path, bytes.toByteArray());
    }

    /** Reads what {@link #save} wrote. */
    public static InMemoryData load(String path) throws IOException {
        Path p = new Path(path);
        MultiDataSet m = new MultiDataSet();
        try (InputStream in = p.getFileSystem(new Configuration()).open(p)) {
            m.load(in);
        }
        return new InMemoryData(m);
    }

    /**
     * Minibatches of {@code batchSize} examples (the last one smaller) in data order; when {@code shuffle} is
     * given, the order of the minibatches is shuffled with it (the examples inside a minibatch stay together,
     * as in SparkTrainer, whose RDD minibatches are fixed too).
     */
    public List<MultiDataSet> batches(int batchSize, Random shuffle) {
        List<MultiDataSet> out = new ArrayList<>();
        for (long from = 0; from < examples; from += batchSize) {
            long to = Math.min(examples, from + batchSize);
            INDArray[] masks = all.getFeaturesMaskArrays();
            out.add(new MultiDataSet(slice(all.getFeatures(), from, to), slice(all.getLabels(), from, to),
                    masks == null ? null : slice(masks, from, to), null));
        }
        if (shuffle != null) {
            Collections.shuffle(out, shuffle);
        }
        return out;
    }

    private static INDArray[] slice(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] == null) {
                continue; // an input without a mask
            }
            INDArrayIndex[] idx = new INDArrayIndex[arrays[i].rank()];
            idx[0] = NDArrayIndex.interval(from, to);
            for (int d = 1; d < idx.length; d++) {
                idx[d] = NDArrayIndex.all();
            }
            out[i] = arrays[i].get(idx).dup();
        }
        return out;
    }
}
