package io.sparkact.models.din;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration of the pooling of the behaviour sequence, and of the flattening of the field embeddings next
 * to it: output {@code [b, nCat·dim + D]} = [fields flattened, Σ_j m_j·w_j·e_j] with m the behaviour mask
 * (from the feature mask of the embedded input: padded positions are 0) and
 * <ul>
 *   <li>{@code weighted = true} (DIN, Zhou et al., KDD 2018, equation (3)): w_j the local activation unit's
 *       output for position j, the second input {@code [b·L, 1]}, example-major; no softmax, as in the paper,
 *       so the pooled vector keeps the intensity of the user's interest;</li>
 *   <li>{@code weighted = false} (the dnn baseline): w_j = 1, a masked sum over the history.</li>
 * </ul>
 * No parameters. JSON-serialisable (the fields are its properties).
 */
public final class InterestPoolVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    private final int fields;
    private final int length;
    private final int[] candidates;
    private final int dim;
    private final boolean weighted;

    /**
     * @param fields     nCat, the categorical fields before the sequence
     * @param length     L, the padded sequence length
     * @param candidates the field position of each sequence column's candidate (k of them; only k matters here)
     * @param dim        the embedding width
     * @param weighted   true: a second input holds the weights (DIN); false: plain masked sum
     */
    @JsonCreator
    public InterestPoolVertex(@JsonProperty("fields") int fields, @JsonProperty("length") int length,
                              @JsonProperty("candidates") int[] candidates, @JsonProperty("dim") int dim,
                              @JsonProperty("weighted") boolean weighted) {
        new SequenceLayout(fields, length, candidates); // validates
        if (dim < 1) {
            throw new IllegalArgumentException("embedding width must be >= 1, given " + dim);
        }
        this.fields = fields;
        this.length = length;
        this.candidates = candidates.clone();
        this.dim = dim;
        this.weighted = weighted;
    }

    public int getFields() { return fields; }
    public int getLength() { return length; }
    public int[] getCandidates() { return candidates.clone(); }
    public int getDim() { return dim; }
    public boolean isWeighted() { return weighted; }

    /** Width of the output: nCat·dim + k·dim. */
    public int outputWidth() {
        return (fields + candidates.length) * dim;
    }

    @Override
    public InterestPoolVertex clone() {
        return new InterestPoolVertex(fields, length, candidates, dim, weighted);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InterestPoolVertex)) {
            return false;
        }
        InterestPoolVertex v = (InterestPoolVertex) o;
        return v.fields == fields && v.length == length && v.dim == dim && v.weighted == weighted
                && Arrays.equals(v.candidates, candidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, length, dim, weighted, Arrays.hashCode(candidates));
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return weighted ? 2 : 1;
    }

    @Override
    public int maxVertexInputs() {
        return weighted ? 2 : 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new InterestPoolRuntime(graph, name, idx, new SequenceLayout(fields, length, candidates), weighted,
                networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        return InputType.feedForward(outputWidth());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, InterestPoolVertex.class, inputTypes[0],
                getOutputType(-1, inputTypes)).standardMemory(0, 0).workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0).build();
    }
}
