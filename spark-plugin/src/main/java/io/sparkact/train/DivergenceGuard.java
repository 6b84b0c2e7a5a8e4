package io.sparkact.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The divergence check both trainers run after every epoch: a non-finite training loss, a non-finite parameter or a
 * parameter beyond {@link #MAX_PARAM} throws {@link DivergenceException} naming the epoch and the learning rate.
 */
final class DivergenceGuard {

    /**
     * Largest parameter magnitude taken as sane. DL4J clips the cross-entropy, so an exploding run often
     * stays finite (lr 1e6 with Adam: score ≈ 4, parameters ≈ 1e8, AUC 0.49); healthy CTR nets stay O(10).
     */
    static final double MAX_PARAM = 1e6;

    private DivergenceGuard() {
    }

    static void check(int epoch, double loss, INDArray params, double learningRate) {
        String where = "epoch " + epoch;
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(epoch, where, learningRate, "training loss is " + loss);
        }
        if (BooleanIndexing.or(params, Conditions.isNan()) || BooleanIndexing.or(params, Conditions.isInfinite())) {
            throw new DivergenceException(epoch, where, learningRate, "parameters are not finite");
        }
        double maxAbs = params.amaxNumber().doubleValue();
        if (maxAbs > MAX_PARAM) {
            throw new DivergenceException(epoch, where, learningRate, "a parameter reached |" + maxAbs
                    + "| > " + MAX_PARAM + ", the updates are exploding");
        }
    }
}
