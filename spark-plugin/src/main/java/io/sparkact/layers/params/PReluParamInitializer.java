package io.sparkact.layers.params;

import io.sparkact.layers.PReluLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Parameters of {@link PReluLayer}: one negative-side slope α per unit, key {@value #ALPHA_KEY}, shape
 * {@code [1, units]}, every entry starting at the configured {@code alpha} (He et al. 2015, "Delving Deep
 * into Rectifiers", §2.1, initialise α = 0.25 and train it without weight decay).
 */
public final class PReluParamInitializer extends RowParamInitializer {

    /** Key of the per-unit slope in the parameter table. */
    public static final String ALPHA_KEY = "alpha";

    private static final PReluParamInitializer INSTANCE = new PReluParamInitializer();

    private PReluParamInitializer() {
    }

    public static PReluParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    protected List<String> keys() {
        return List.of(ALPHA_KEY);
    }

    @Override
    protected long length(Layer layer) {
        return ((PReluLayer) layer).getNIn();
    }

    @Override
    protected double initialValue(Layer layer, String key) {
        return ((PReluLayer) layer).getAlpha();
    }
}
