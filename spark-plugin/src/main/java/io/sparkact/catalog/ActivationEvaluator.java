package io.sparkact.catalog;

import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates f(x) and dL/dx (with dL/df = 1) of any per-unit spec at given points, in double precision,
 * through the activation's own forward and backward code — so a table or plot shows exactly what
 * training computes, kink conventions included.
 *
 * <p>Element-wise specs are applied to the points as one array. Layers with parameters or state (Dice,
 * PReLU, trainable Swish) are instantiated with one unit and the points as a batch of examples: in eval
 * mode Dice then uses its running statistics (mean 0, variance 1, α = 0 as initialised, unless
 * {@code state} overrides a parameter), in train mode the statistics of the given points. Maxout maps
 * nIn inputs to nOut outputs through k affine pieces and has no f(x): it is refused.
 */
public final class ActivationEvaluator {

    /** f and f′ at the points x. */
    public static final class Curve {
        private final double[] x;
        private final double[] f;
        private final double[] df;

        Curve(double[] x, double[] f, double[] df) {
            this.x = x;
            this.f = f;
            this.df = df;
        }

        public double[] x() { return x.clone(); }
        public double[] f() { return f.clone(); }
        public double[] df() { return df.clone(); }
    }

    private ActivationEvaluator() {
    }

    /**
     * @param training train mode (rrelu draws slopes, Dice uses batch statistics) or eval mode
     * @param seed seed of ND4J's random generator before the forward pass (rrelu's slopes)
     * @param state parameter values to set on a layer before evaluation, by parameter key
     *              (e.g. Dice "mean", "var", "alpha"); must be empty for element-wise specs
     */
    public static Curve evaluate(ActivationSpec spec, double[] x, boolean training, long seed,
                                 Map<String, Double> state) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no points to evaluate " + spec + " at");
        }
        Realisation r = spec.realisation();
        if (r instanceof Realisation.DenseReplacement) {
            throw new SpecException(spec.name() + " is not element-wise: it maps a layer's nIn inputs to nOut "
                    + "outputs as the max over k affine pieces, so it has no f(x) to tabulate or plot");
        }
        Nd4j.getRandom().setSeed(seed);
        if (r instanceof Realisation.ElementWise) {
            if (!state.isEmpty()) {
                throw new SpecException(spec.name() + " has no parameters or state to set (--set "
                        + state.keySet().iterator().next() + "); --set applies to dice, prelu and swish(trainable=true)");
            }
            return elementWise(((Realisation.ElementWise) r).fn(), x, training);
        }
        return perUnitLayer(spec, ((Realisation.PerUnitLayer) r).layer(1), x, training, state);
    }

    private static Curve elementWise(IActivation fn, double[] x, boolean training) {
        INDArray in = Nd4j.createFromArray(x.clone()).reshape(1, x.length);
        INDArray f = fn.getActivation(in.dup(), training);
        // backprop after the forward pass: rrelu reuses the slopes the forward pass drew in train mode
        INDArray df = fn.backprop(in.dup(), Nd4j.onesLike(in)).getFirst();
        return new Curve(x.clone(), f.toDoubleVector(), df.toDoubleVector());
    }

    private static Curve perUnitLayer(ActivationSpec spec, org.deeplearning4j.nn.conf.layers.Layer conf,
                                      double[] x, boolean training, Map<String, Double> state) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).list().layer(conf).setInputType(InputType.feedForward(1)).build());
        net.init();
        net.initGradientsView(); // a network without an output layer gets its gradient views only on request
        Layer layer = net.getLayer(0);
        for (Map.Entry<String, Double> e : state.entrySet()) {
            INDArray p = layer.paramTable().get(e.getKey());
            if (p == null) {
                throw new SpecException(spec.name() + " has no parameter or state '" + e.getKey()
                        + "' to set; valid keys: " + String.join(", ", new TreeSet<>(layer.paramTable().keySet())));
            }
            p.assign(e.getValue());
        }
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray in = Nd4j.createFromArray(x.clone()).reshape(x.length, 1);
        INDArray f = layer.activate(in, training, ws).dup();
        INDArray df = layer.backpropGradient(Nd4j.onesLike(in), ws).getSecond();
        return new Curve(x.clone(), f.toDoubleVector(), df.toDoubleVector());
    }
}
