package io.sparkact.vertices;

import io.sparkact.vertices.runtime.FmVertexRuntime;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The factorisation-machine logit of DeepFM (Guo et al., "DeepFM: A Factorization-Machine based Neural
 * Network for CTR Prediction", IJCAI 2017, eq. 2; Rendle, "Factorization Machines", ICDM 2010, eq. 1):
 * <pre>
 *   y_FM = Σ (first-order terms) + Σ_{i&lt;j} ⟨v_i, v_j⟩
 * </pre>
 * where v_i is field i's embedding (one-hot fields: x_i = 1, so the paper's x_i·x_j factor is 1).
 * The pairwise sum uses Rendle's lemma 3.1, O(fields·dim) instead of O(fields²·dim):
 * <pre>
 *   Σ_{i&lt;j} ⟨v_i, v_j⟩ = ½ Σ_k ((Σ_i v_ik)² − Σ_i v_ik²)
 * </pre>
 *
 * <p>Inputs: input 0 is the field embeddings {@code [batch, fields, dim]}, i.e. recurrent input type in
 * NWC format (what {@link io.sparkact.layers.EmbeddingLookupLayer} produces, as does DL4J's
 * {@code EmbeddingSequenceLayer} with {@code outputDataFormat(NWC)}); every
 * further input is a feed-forward {@code [batch, m]} array of first-order terms (per-field weights
 * w_id, a numeric linear term, …), all of whose entries are added. Output: feed-forward {@code [batch, 1]}.
 *
 * <p>With {@code pairFields} = p &gt; 0 only the first p fields enter the pairwise sum (DeepFM's categorical
 * fields, not the numeric bucket fields after them; {@link io.sparkact.models.DeepFmModel} says why).
 *
 * <p>No parameters: the embeddings and first-order weights belong to the layers that feed
 * the vertex, so they are shared with whatever else reads those layers (DeepFM's point: the FM part and
 * the deep tower train the same embeddings). Masks are not supported (fields are a fixed set).
 * Runtime: {@link FmVertexRuntime}.
 */
public final class FmVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    /** Name used in error messages. */
    public static final String NAME = "fm vertex";

    /**
     * How many leading fields of input 0 enter the pairwise sum; the fields after them (numeric bucket fields) are
     * read by the first-order inputs and the tower only. 0 = every field: the vertex before this setting existed,
     * so the JSON of models saved then (no {@code pairFields}) reads as what they were trained with.
     */
    @JsonProperty("pairFields")
    private int pairFields;

    /** Every field in the pairwise sum (and the constructor Jackson uses). */
    public FmVertex() {
        this(0);
    }

    /** The pairwise sum over the first {@code pairFields} fields of input 0; 0 = all of them. */
    public FmVertex(int pairFields) {
        if (pairFields < 0) {
            throw new IllegalArgumentException(NAME + " pairFields must be >= 0 (0 = every field); got " + pairFields);
        }
        this.pairFields = pairFields;
    }

    /** See the field: 0 = every field of input 0 is in the pairwise sum. */
    public int getPairFields() {
        return pairFields;
    }

    @Override
    public FmVertex clone() {
        return new FmVertex(pairFields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FmVertex && ((FmVertex) o).pairFields == pairFields;
    }

    @Override
    public int hashCode() {
        return 31 * FmVertex.class.getName().hashCode() + pairFields;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new FmVertexRuntime(graph, name, idx, networkDatatype, pairFields);
    }

    /** Checks the input types (see the class comment) and returns feed-forward(1). */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs == null || vertexInputs.length == 0) {
            throw new InvalidInputTypeException(NAME + " needs at least 1 input (the field embeddings); got 0");
        }
        InputType emb = vertexInputs[0];
        if (!(emb instanceof InputType.InputTypeRecurrent)
                || ((InputType.InputTypeRecurrent) emb).getFormat() != RNNFormat.NWC) {
            throw new InvalidInputTypeException(NAME + " input 0 (the field embeddings) must be recurrent NWC "
                    + "[batch, fields, dim]; got " + emb);
        }
        long fields = ((InputType.InputTypeRecurrent) emb).getTimeSeriesLength();
        if (pairFields > 0 && fields > 0 && pairFields > fields) {
            throw new InvalidInputTypeException(NAME + " pairFields " + pairFields + " is more than the " + fields
                    + " fields of input 0; allowed: 0 (every field) to " + fields);
        }
        for (int i = 1; i < vertexInputs.length; i++) {
            if (!(vertexInputs[i] instanceof InputType.InputTypeFeedForward)) {
                throw new InvalidInputTypeException(NAME + " input " + i
                        + " (first-order terms) must be feed-forward [batch, m]; got " + vertexInputs[i]);
            }
        }
        return InputType.feedForward(1);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        // training keeps per example: Σv and Σv² (dim each, bounded by the embedding size) and dL/dv
        long perExample = 3 * inputTypes[0].arrayElementsPerExample();
        return new LayerMemoryReport.Builder(null, FmVertex.class, inputTypes[0], out).standardMemory(0, 0)
                .workingMemory(0, 0, 0, perExample).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return pairFields == 0 ? "FmVertex()" : "FmVertex(pairFields=" + pairFields + ")";
    }
}
