package io.sparkact.layers.params;

import io.sparkact.layers.SwishLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Parameters of {@link SwishLayer}: when trainable, one β for the whole layer, key {@value #BETA_KEY},
 * shape {@code [1, 1]}, starting at the configured {@code beta} (Ramachandran et al. 2017, "Searching for
 * Activation Functions", §4: "β is either a constant or a trainable parameter"). When not trainable the
 * layer has no parameters and uses the configured β as a constant.
 */
public final class SwishParamInitializer extends RowParamInitializer {

    /** Key of the trainable β in the parameter table. */
    public static final String BETA_KEY = "beta";

    private static final SwishParamInitializer INSTANCE = new SwishParamInitializer();

    private SwishParamInitializer() {
    }

    public static SwishParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    protected List<String> keys() {
        return List.of(BETA_KEY);
    }

    @Override
    protected long length(Layer layer) {
        return ((SwishLayer) layer).isTrainable() ? 1 : 0;
    }

    @Override
    protected double initialValue(Layer layer, String key) {
        return ((SwishLayer) layer).getBeta();
    }
}
