package io.sparkact.catalog;

import java.util.function.IntFunction;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;

/**
 * How a spec becomes part of a hidden layer of width {@code units}.
 */
public interface Realisation {

    /** An element-wise function set as the activation of a dense layer. */
    final class ElementWise implements Realisation {
        private final IActivation fn;

        public ElementWise(IActivation fn) {
            this.fn = fn;
        }

        public IActivation fn() {
            return fn;
        }
    }

    /**
     * A layer with nIn == nOut == units that follows a dense layer with identity activation, because it
     * has parameters or state of its own (Dice, PReLU, trainable Swish).
     */
    final class PerUnitLayer implements Realisation {
        private final IntFunction<Layer> factory;

        public PerUnitLayer(IntFunction<Layer> factory) {
            this.factory = factory;
        }

        public Layer layer(int units) {
            return factory.apply(units);
        }
    }

    /** A layer that replaces the dense layer itself (Maxout: max over k affine pieces). */
    final class DenseReplacement implements Realisation {
        private final IntFunction<Layer> factory;

        public DenseReplacement(IntFunction<Layer> factory) {
            this.factory = factory;
        }

        public Layer layer(int nOut) {
            return factory.apply(nOut);
        }
    }
}
