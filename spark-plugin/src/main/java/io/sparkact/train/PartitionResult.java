package io.sparkact.train;

import io.sparkact.health.HealthStats;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * What one validation partition yields in {@link Evaluator}: its (score, label) pairs as two growing
 * arrays (compact while the RDD is persisted between the metric actions) and its health statistics.
 */
final class PartitionResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private double[] scores = new double[0];
    private double[] labels = new double[0];
    private int size;
    HealthStats health = HealthStats.identity();

    void add(double[] s, double[] y) {
        if (size + s.length > scores.length) {
            int cap = Math.max(size + s.length, 2 * scores.length);
            scores = Arrays.copyOf(scores, cap);
            labels = Arrays.copyOf(labels, cap);
        }
        System.arraycopy(s, 0, scores, size, s.length);
        System.arraycopy(y, 0, labels, size, y.length);
        size += s.length;
    }

    HealthStats health() {
        return health;
    }

    Iterator<Tuple2<Object, Object>> pairs() {
        List<Tuple2<Object, Object>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Tuple2<>(scores[i], labels[i]));
        }
        return out.iterator();
    }
}
