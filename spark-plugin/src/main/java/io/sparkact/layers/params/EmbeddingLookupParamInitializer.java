package io.sparkact.layers.params;

import io.sparkact.layers.EmbeddingLookupLayer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one parameter of {@link EmbeddingLookupLayer}: the table {@value #WEIGHT_KEY}, {@code [vocabulary, dim]},
 * a weight (so the layer's L1/L2 apply to it, as to DL4J's embedding tables).
 *
 * <p>Reproduces DL4J 1.0.0-M2's {@code EmbeddingLayerParamInitializer} for a bias-free layer exactly, so that a
 * model keeps its initial values draw for draw when it switches from {@code EmbeddingSequenceLayer}: the same
 * view (the first vocabulary·dim entries of the layer's flat view), the same call
 * {@code weightInit.init(fanIn = 1, fanOut = dim, [vocabulary, dim], 'f', view)} (fan-in 1 because a one-hot row
 * has one non-zero input: Xavier then gives std √(2 / (1 + dim))), and the same 'f'-ordered reshape of the view
 * (element (r, c) at flat offset r + c·vocabulary) for the parameter and its gradient.
 */
public final class EmbeddingLookupParamInitializer implements ParamInitializer {

    /** Key of the table; DL4J's {@code DefaultParamInitializer.WEIGHT_KEY}, so code that reads "W" still works. */
    public static final String WEIGHT_KEY = "W";

    /** Order of the table in the flat vector: DL4J's {@code IWeightInit.DEFAULT_WEIGHT_INIT_ORDER}. */
    public static final char ORDER = 'f';

    private static final EmbeddingLookupParamInitializer INSTANCE = new EmbeddingLookupParamInitializer();

    private EmbeddingLookupParamInitializer() {
    }

    public static EmbeddingLookupParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeedForwardLayer l = (FeedForwardLayer) layer;
        return l.getNIn() * l.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        long n = numParams(layer);
        INDArray view = ParamViews.slice(paramsView, n, 0, n);
        long[] shape = {layer.getNIn(), layer.getNOut()};
        INDArray table = initializeParams
                ? layer.getWeightInitFn().init(1, layer.getNOut(), shape, ORDER, view)
                : WeightInitUtil.reshapeWeights(shape, view, ORDER);
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        params.put(WEIGHT_KEY, table);
        conf.addVariable(WEIGHT_KEY);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        long n = numParams(layer);
        INDArray view = ParamViews.slice(gradientView, n, 0, n);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WEIGHT_KEY, WeightInitUtil.reshapeWeights(new long[] {layer.getNIn(), layer.getNOut()}, view, ORDER));
        return out;
    }
}
