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
 * Configuration of the input of DIN's local activation unit (Zhou et al., KDD 2018, figure 2): from the
 * embedded categorical input {@code [b, nCat + L·k, dim]} one row per (example, position j),
 * {@code [e_j, c, e_j − c, e_j ⊙ c]}, i.e. output {@code [b·L, 4·D]} with D = k·dim, example-major (row
 * {@code i·L + j}). The paper's figure feeds the outer product; its released code, like most
 * re-implementations, the difference and the element-wise product, as here. Padded positions get rows too
 * (their e_j is the zero vector the masked embedding layer outputs); {@link InterestPoolVertex} masks their
 * weights. No parameters. JSON-serialisable (the fields are its properties).
 */
public final class BehaviourPairVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    private final int fields;
    private final int length;
    private final int[] candidates;
    private final int dim;

    /**
     * @param fields     nCat, the categorical fields before the sequence
     * @param length     L, the padded sequence length
     * @param candidates the field position of each sequence column's candidate (k of them)
     * @param dim        the embedding width
     */
    @JsonCreator
    public BehaviourPairVertex(@JsonProperty("fields") int fields, @JsonProperty("length") int length,
                               @JsonProperty("candidates") int[] candidates, @JsonProperty("dim") int dim) {
        new SequenceLayout(fields, length, candidates); // validates
        if (dim < 1) {
            throw new IllegalArgumentException("embedding width must be >= 1, given " + dim);
        }
        this.fields = fields;
        this.length = length;
        this.candidates = candidates.clone();
        this.dim = dim;
    }

    public int getFields() { return fields; }
    public int getLength() { return length; }
    public int[] getCandidates() { return candidates.clone(); }
    public int getDim() { return dim; }

    /** Width of an output row: 4·k·dim. */
    public int outputWidth() {
        return 4 * candidates.length * dim;
    }

    @Override
    public BehaviourPairVertex clone() {
        return new BehaviourPairVertex(fields, length, candidates, dim);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BehaviourPairVertex && ((BehaviourPairVertex) o).fields == fields
                && ((BehaviourPairVertex) o).length == length && ((BehaviourPairVertex) o).dim == dim
                && Arrays.equals(((BehaviourPairVertex) o).candidates, candidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, length, dim, Arrays.hashCode(candidates));
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
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new BehaviourPairRuntime(graph, name, idx, new SequenceLayout(fields, length, candidates),
                networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        return InputType.feedForward(outputWidth());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, BehaviourPairVertex.class, inputTypes[0],
                getOutputType(-1, inputTypes)).standardMemory(0, 0).workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0).build();
    }
}
