package io.sparkact.models;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sigmoid for a DL4J {@code LossLayer}: the same function and derivative as DL4J's
 * {@link ActivationSigmoid}, but {@link #backprop} leaves its input untouched.
 *
 * <p>Why: DL4J's activations write dL/dz over their input in {@code backprop} (their contract), and in
 * 1.0.0-M2 {@code LossLayer.computeGradientAndScore} computes the gradient first and the score second, from
 * the same input array. With DL4J's sigmoid the score after {@code fit} is therefore the loss of
 * sigmoid(dL/dz), not of the logits: measured on a dense → LossLayer net, 0.99 against the true 0.80 (an
 * OutputLayer net with the same weights gave 0.80 both ways). The gradient is right either way; what goes
 * wrong is every training loss the trainers report and the divergence check reads.
 */
public class LossLayerSigmoid extends ActivationSigmoid {

    private static final long serialVersionUID = 1L;

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return super.backprop(in.dup(), epsilon);
    }
}
