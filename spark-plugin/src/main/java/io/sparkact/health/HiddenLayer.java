package io.sparkact.health;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import io.sparkact.layers.MaxoutLayer;

/**
 * One hidden layer ("block" i) of a graph built by {@code io.sparkact.models.DnnModel}: vertices
 * {@code h{i}_0}, {@code h{i}_1}, …; the first is the layer with the weight matrix (a dense layer, or
 * Maxout), its output is the pre-activation z unless the activation is applied inside it, and the last
 * vertex's output is the block's output.
 *
 * @param index block number i
 * @param weightVertex {@code h{i}_0}, the vertex whose "W" gradient is the layer's grad_norm
 * @param inputVertex the vertex feeding {@code h{i}_0}
 * @param outputVertex the block's last vertex
 * @param kind how f′ is obtained
 * @param activation the dense layer's activation for {@link Kind#ELEMENT_WISE}, else null
 * @param units width of the block's output
 */
public record HiddenLayer(int index, String weightVertex, String inputVertex, String outputVertex, Kind kind,
                          IActivation activation, int units) implements Serializable {

    /** How the activation's derivative of a block is computed. */
    public enum Kind {
        /** Dense layer with an {@link IActivation}: f′ from {@code IActivation.backprop(z, 1)}. */
        ELEMENT_WISE,
        /** Dense(identity) followed by a unit-wise layer (Dice, PReLU, trainable Swish): the layer's backprop. */
        UNIT_LAYER,
        /** Maxout replaces the dense layer: f′ per output unit is defined as 1 (see {@link HealthProbe}). */
        MAXOUT
    }

    /** Vertex name of layer j of block i, as DnnModel names them. */
    public static String vertex(int block, int j) {
        return "h" + block + "_" + j;
    }

    /** The hidden layers of {@code conf}, in order; empty when it has none. */
    public static List<HiddenLayer> of(ComputationGraphConfiguration conf) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        List<HiddenLayer> out = new ArrayList<>();
        for (int i = 0; vertices.containsKey(vertex(i, 0)); i++) {
            String first = vertex(i, 0);
            int last = 0;
            while (vertices.containsKey(vertex(i, last + 1))) {
                last++;
            }
            Layer head = layerConf(vertices.get(first));
            Kind kind = head instanceof MaxoutLayer ? Kind.MAXOUT : last > 0 ? Kind.UNIT_LAYER : Kind.ELEMENT_WISE;
            IActivation fn = kind == Kind.ELEMENT_WISE ? ((BaseLayer) head).getActivationFn() : null;
            String out0 = vertex(i, last);
            int units = (int) ((FeedForwardLayer) layerConf(vertices.get(out0))).getNOut();
            out.add(new HiddenLayer(i, first, conf.getVertexInputs().get(first).get(0), out0, kind, fn, units));
        }
        return out;
    }

    /** Widths of the given layers, in order. */
    public static List<Integer> units(List<HiddenLayer> layers) {
        return layers.stream().map(HiddenLayer::units).toList();
    }

    private static Layer layerConf(GraphVertex v) {
        return ((LayerVertex) v).getLayerConf().getLayer();
    }
}
