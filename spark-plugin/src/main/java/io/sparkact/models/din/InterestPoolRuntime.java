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

/**
 * Runtime of {@link InterestPoolVertex}. With h the behaviours {@code [b, L, D]}, m the position mask
 * {@code [b, L]} and w the weights ({@code [b, L]}, or ones), a = m ⊙ w:
 * <pre>
 *   out = [fields flattened, Σ_j a_j·h_j]
 *   dL/dfields = g[:, :nCat·dim]        dL/dh_j = a_j·gp        dL/dw_j = m_j·(gp · h_j)
 * </pre>
 * with gp = g[:, nCat·dim:] the gradient of the pooled part.
 *
 * <p>The mask arrives through {@link #feedForwardMaskArrays} (ComputationGraph propagates the feature mask of
 * the categorical input through the embedding layer before each masked pass). ComputationGraph does not clear
 * vertex masks, so a mask is used only while the graph has input masks set; a pass without masks treats every
 * position as present (as the embedding layer does then).
 */
final class InterestPoolRuntime extends BaseGraphVertex {

    private final SequenceLayout layout;
    private final boolean weighted;
    private INDArray inputMask;

    InterestPoolRuntime(ComputationGraph graph, String name, int index, SequenceLayout layout, boolean weighted,
                        DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.layout = layout;
        this.weighted = weighted;
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
            throw new IllegalStateException("InterestPoolVertex " + vertexName + ": inputs not set");
        }
        INDArray x = inputs[0];
        layout.checkInput(x, "InterestPoolVertex " + vertexName);
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            INDArray h = layout.history(x);
            INDArray a = positionWeights(x);
            INDArray pooled = Broadcast.mul(h, a, h.ulike(), 0, 1).sum(1);
            return Nd4j.hstack(layout.fieldsFlat(x), pooled);
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("InterestPoolVertex " + vertexName + ": gradient not set");
        }
        INDArray x = inputs[0];
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            long b = x.size(0);
            long fieldWidth = (long) layout.fields * x.size(2);
            INDArray h = layout.history(x);
            INDArray m = mask(x);
            INDArray a = weighted ? m.mul(weights(b)) : m;
            INDArray gp = epsilon.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(fieldWidth, epsilon.size(1))).dup('c');
            INDArray dx = Nd4j.zeros(x.dataType(), x.shape());
            layout.putFields(dx, epsilon.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, fieldWidth)).dup('c'));
            INDArray spread = Broadcast.add(Nd4j.zeros(h.dataType(), h.shape()), gp, h.ulike(), 0, 2);
            layout.putHistory(dx, Broadcast.mul(spread, a, spread.ulike(), 0, 1));
            if (!weighted) {
                return new Pair<>(null, new INDArray[] {dx});
            }
            // dL/dw_j = m_j · (gp · h_j): gp spread over the positions, times h, summed over D
            INDArray dw = spread.mul(h).sum(2).muli(m);
            return new Pair<>(null, new INDArray[] {dx, dw.reshape('c', b * layout.length, 1)});
        }
    }

    /** a = m ⊙ w, {@code [b, L]}. */
    private INDArray positionWeights(INDArray x) {
        INDArray m = mask(x);
        return weighted ? m.mul(weights(x.size(0))) : m;
    }

    /** The second input {@code [b·L, 1]} as {@code [b, L]}. */
    private INDArray weights(long b) {
        INDArray w = inputs[1];
        if (w.rank() != 2 || w.size(0) != b * layout.length || w.size(1) != 1) {
            throw new IllegalStateException("InterestPoolVertex " + vertexName + " expects weights [" + b * layout.length
                    + ", 1], got " + java.util.Arrays.toString(w.shape()));
        }
        return w.dup('c').reshape('c', b, layout.length);
    }

    private INDArray mask(INDArray x) {
        boolean graphMasked = graph != null && graph.getInputMaskArrays() != null;
        return layout.positionMask(graphMasked ? inputMask : null, x);
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalStateException("InterestPoolVertex has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                          int minibatchSize) {
        inputMask = maskArrays == null ? null : maskArrays[0];
        return new Pair<>(null, currentMaskState); // the output is one row per example: nothing left to mask
    }

    @Override
    public String toString() {
        return "InterestPoolVertex(name=" + vertexName + ", fields=" + layout.fields + ", length=" + layout.length
                + ", k=" + layout.k() + ", weighted=" + weighted + ")";
    }
}
