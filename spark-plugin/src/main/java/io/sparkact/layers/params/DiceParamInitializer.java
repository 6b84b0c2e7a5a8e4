package io.sparkact.layers.params;

import io.sparkact.layers.DiceLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Layer;

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
public final class DiceParamInitializer extends RowParamInitializer {

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
    protected List<String> keys() {
        return KEYS;
    }

    @Override
    protected long length(Layer layer) {
        return ((DiceLayer) layer).getNOut();
    }

    /**
     * Paper: α starts at 0 (Dice then gates between z and 0, like a smooth ReLU); running statistics
     * start as the identity normalisation, mean 0 and variance 1.
     */
    @Override
    protected double initialValue(Layer layer, String key) {
        return VAR_KEY.equals(key) ? 1 : 0;
    }

    /** α is a weight (so weight constraints and the layer's weight regularisation apply to it). */
    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(ALPHA_KEY);
    }
}
