package io.sparkact.layers.params;

import io.sparkact.layers.DiceLayer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of the Dice layer ({@link DiceLayer}; Zhou et al., "Deep Interest Network for Click-Through
 * Rate Prediction", KDD 2018, section 4.3): three row vectors of shape {@code [1, units]}, in this order
 * in the flat parameter vector:
 * <ul>
 *   <li>{@value #ALPHA_KEY}: the per-unit slope α of the "off" branch, trained, initialised to 0;</li>
 *   <li>{@value #MEAN_KEY}: running mean of the input, initialised to 0;</li>
 *   <li>{@value #VAR_KEY}: running (biased) variance of the input, initialised to 1.</li>
 * </ul>
 * The running statistics are parameters (as in DL4J's BatchNormalization) so that ModelSerializer saves
 * them and Spark parameter averaging averages them; they are never trained: the layer gives them a zero
 * gradient, a NoOp updater and no regularisation, and updates them itself in training-mode forward passes.
 */
public final class DiceParamInitializer implements ParamInitializer {

    /** Key of the per-unit slope α. */
    public static final String ALPHA_KEY = "alpha";
    /** Key of the running mean. */
    public static final String MEAN_KEY = "mean";
    /** Key of the running variance. */
    public static final String VAR_KEY = "var";

    private static final List<String> KEYS = List.of(ALPHA_KEY, MEAN_KEY, VAR_KEY);
    private static final DiceParamInitializer INSTANCE = new DiceParamInitializer();

    private DiceParamInitializer() {
    }

    /** The (stateless) shared instance. */
    public static DiceParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return KEYS.size() * units(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    /** α is a weight (so weight constraints and the layer's weight regularisation apply to it). */
    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(ALPHA_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return ALPHA_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        long units = units(conf.getLayer());
        Map<String, INDArray> views = slice(paramsView, units);
        if (initializeParams) {
            // Paper: α starts at 0 (Dice then gates between z and 0, like a smooth ReLU); running
            // statistics start as the identity normalisation, mean 0 and variance 1.
            views.get(ALPHA_KEY).assign(0);
            views.get(MEAN_KEY).assign(0);
            views.get(VAR_KEY).assign(1);
        }
        for (String key : KEYS) {
            conf.addVariable(key);
        }
        return Collections.synchronizedMap(views);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return slice(gradientView, units(conf.getLayer()));
    }

    /** Views [1, units] of the three consecutive blocks of {@code flat}. */
    private static Map<String, INDArray> slice(INDArray flat, long units) {
        long expected = KEYS.size() * units;
        if (flat.length() != expected) {
            throw new IllegalStateException("Dice expected a parameter view of length " + expected
                    + " (3 x units=" + units + "), got " + flat.length());
        }
        // DL4J M2.1 hands initializers rank-1 views (STACK.md); a contiguous reshape stays a view.
        INDArray row = flat.rank() == 1 ? flat.reshape(1, expected) : flat;
        Map<String, INDArray> views = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            views.put(KEYS.get(i), row.get(NDArrayIndex.interval(0, 0, true),
                    NDArrayIndex.interval(i * units, (i + 1) * units)));
        }
        return views;
    }

    private static long units(Layer layer) {
        if (!(layer instanceof DiceLayer)) {
            throw new IllegalArgumentException("DiceParamInitializer needs a DiceLayer, got "
                    + (layer == null ? "null" : layer.getClass().getName()));
        }
        return ((DiceLayer) layer).getNOut();
    }
}
