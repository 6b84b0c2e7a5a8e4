package io.sparkact.vertices.runtime;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward and backward pass of {@link io.sparkact.vertices.FmVertex}.
 *
 * <p>Forward, per example, with v the {@code [fields, dim]} embeddings and S_k = Σ_i v_ik:
 * {@code y = Σ(first-order inputs) + ½ Σ_k (S_k² − Σ_i v_ik²)}.
 * Backward, with ε = dL/dy: {@code dL/dv_ik = ε·(S_k − v_ik)} (the derivative of ½S_k² is S_k, that of
 * −½v_ik² is −v_ik), and dL/d(each first-order entry) = ε. With pairFields p &gt; 0 the field sums run over
 * i &lt; p only and dL/dv_ik = 0 for i &ge; p.
 */
public final class FmVertexRuntime extends BaseGraphVertex {

    /** Leading fields of input 0 in the pairwise sum; 0 = all. */
    private final int pairFields;

    public FmVertexRuntime(ComputationGraph graph, String name, int vertexIndex, DataType dataType, int pairFields) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.pairFields = pairFields;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("Cannot do forward pass in " + this + ": inputs not set");
        }
        INDArray v = pairPart(embeddings());
        long batch = v.size(0);
        INDArray sum = v.sum(1);                      // S: [batch, dim]
        INDArray sumOfSquares = v.mul(v).sum(1);      // Σ_i v_ik²: [batch, dim]
        INDArray y = sum.muli(sum).subi(sumOfSquares).sum(true, 1).muli(0.5); // [batch, 1]
        for (int i = 1; i < inputs.length; i++) {
            y.addi(inputs[i].castTo(dataType).sum(true, 1));
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, batch, 1);
        return out.assign(y);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Cannot do backward pass in " + this + ": epsilon not set");
        }
        INDArray all = embeddings();
        INDArray v = pairPart(all);
        long batch = v.size(0);
        INDArray eps = epsilon.castTo(dataType).reshape(batch);
        INDArray[] grads = new INDArray[inputs.length];

        // dL/dv_bik = ε_b · (S_bk − v_bik): start from −v, add S along the field axis, scale each example by ε
        INDArray dv = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, v.shape(), 'c');
        dv.assign(v).negi();
        INDArray sum = v.sum(1);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(dv, sum, dv, 0, 2));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(dv, eps, dv, 0));
        if (v != all) {
            // the fields after the pair fields do not enter y: their gradient here is 0
            INDArray full = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, all.shape(), 'c');
            full.get(NDArrayIndex.all(), NDArrayIndex.interval(0, v.size(1)), NDArrayIndex.all()).assign(dv);
            dv = full;
        }
        grads[0] = dv;

        for (int i = 1; i < inputs.length; i++) {
            INDArray g = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, inputs[i].shape(), 'c');
            grads[i] = g.addiColumnVector(eps.reshape(batch, 1));
        }
        return new Pair<>(null, grads);
    }

    /** The fields of {@code v} that enter the pairwise sum: all of them, or a copy of the first pairFields. */
    private INDArray pairPart(INDArray v) {
        if (pairFields == 0 || pairFields == v.size(1)) {
            return v;
        }
        if (pairFields > v.size(1)) {
            throw new IllegalStateException(this + ": pairFields " + pairFields + " but input 0 has " + v.size(1)
                    + " fields");
        }
        return v.get(NDArrayIndex.all(), NDArrayIndex.interval(0, pairFields), NDArrayIndex.all()).dup('c');
    }

    /** Input 0 as a {@code [batch, fields, dim]} array in the network's data type. */
    private INDArray embeddings() {
        INDArray v = inputs[0];
        if (v.rank() != 3) {
            throw new IllegalStateException(this + ": input 0 must be [batch, fields, dim] (rank 3); got shape "
                    + java.util.Arrays.toString(v.shape()));
        }
        return v.castTo(dataType);
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException(this + " has no parameters; a gradient view cannot be set");
        }
    }

    /** The output has no time axis, so no mask passes through; a mask on the fields is refused, not ignored. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        if (maskArrays != null) {
            for (INDArray m : maskArrays) {
                if (m != null) {
                    throw new IllegalStateException(this + " does not support masks (its fields are a fixed set)");
                }
            }
        }
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public String toString() {
        return "FmVertex(id=" + getVertexIndex() + ",name=\"" + getVertexName() + "\")";
    }
}
