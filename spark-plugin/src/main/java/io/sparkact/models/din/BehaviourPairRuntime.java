package io.sparkact.models.din;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of {@link BehaviourPairVertex}. Forward, with h = the behaviours {@code [b, L, D]} and c̄ the
 * candidate c repeated over the L positions: {@code out = [h, c̄, h − c̄, h ⊙ c̄]} as {@code [b·L, 4D]}.
 * Backward, splitting the incoming gradient into g1..g4 (each {@code [b, L, D]}):
 * <pre>
 *   dL/dh = g1 + g3 + g4 ⊙ c̄          dL/dc = Σ_j (g2 − g3 + g4 ⊙ h)_j
 * </pre>
 * written back to the behaviour rows and added to the candidate field rows of the embedded input (the
 * candidate fields also reach the tower through {@link InterestPoolVertex}, whose gradient the graph adds).
 * The output has no mask: its rows are (example, position) pairs, and the padding is masked in the pooling.
 */
final class BehaviourPairRuntime extends BaseGraphVertex {

    private final SequenceLayout layout;

    BehaviourPairRuntime(ComputationGraph graph, String name, int index, SequenceLayout layout, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.layout = layout;
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
            throw new IllegalStateException("BehaviourPairVertex " + vertexName + ": input not set");
        }
        INDArray x = inputs[0];
        layout.checkInput(x, "BehaviourPairVertex " + vertexName);
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            INDArray h = layout.history(x);
            INDArray cb = repeated(layout.candidate(x), h);
            INDArray pairs = Nd4j.concat(2, h, cb, h.sub(cb), h.mul(cb));
            return pairs.reshape('c', x.size(0) * layout.length, pairs.size(2));
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("BehaviourPairVertex " + vertexName + ": gradient not set");
        }
        INDArray x = inputs[0];
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray h = layout.history(x);
            INDArray cb = repeated(layout.candidate(x), h);
            long d = h.size(2);
            INDArray g = epsilon.dup('c').reshape('c', x.size(0), layout.length, 4 * d);
            INDArray g1 = part(g, 0, d);
            INDArray g2 = part(g, 1, d);
            INDArray g3 = part(g, 2, d);
            INDArray g4 = part(g, 3, d);
            INDArray dh = g1.add(g3).addi(g4.mul(cb));
            INDArray dc = g2.sub(g3).addi(g4.mul(h)).sum(1);
            INDArray dx = Nd4j.zeros(x.dataType(), x.shape());
            layout.putHistory(dx, dh);
            layout.addCandidate(dx, dc);
            return new Pair<>(null, new INDArray[] {dx});
        }
    }

    /** c {@code [b, D]} repeated along the positions of h {@code [b, L, D]}. */
    private static INDArray repeated(INDArray c, INDArray h) {
        INDArray out = Nd4j.zeros(h.dataType(), h.shape());
        return Broadcast.add(out, c, out, 0, 2);
    }

    private static INDArray part(INDArray g, int which, long d) {
        return g.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(which * d, (which + 1) * d));
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalStateException("BehaviourPairVertex has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(null, currentMaskState); // rows are (example, position) pairs: the pooling masks
    }

    @Override
    public String toString() {
        return "BehaviourPairVertex(name=" + vertexName + ", fields=" + layout.fields + ", length=" + layout.length
                + ", k=" + layout.k() + ")";
    }
}
