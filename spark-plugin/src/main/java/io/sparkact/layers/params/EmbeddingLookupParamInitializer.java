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
 * The parameters of {@link EmbeddingLookupLayer}: the table {@value #WEIGHT_KEY}, {@code [vocabulary, dim]},
 * a weight (so the layer's L1/L2 apply to it, as to DL4J's embedding tables), and, only when the layer's
 * mini-batch aware L2 is on, {@value #INVERSE_COUNT_KEY}: {@code [1, vocabulary]}, 1 / n_j for a row j that occurs
 * n_j times in the training data and 0 for a row that never occurs (initialised to 0; the trainer sets it from the
 * data). It is neither a weight nor a bias and is never updated; keeping it in the parameters makes it travel
 * with the model (model.zip, checkpoints, the broadcasts of parameter averaging) without another channel.
 * The table stays first in the flat vector, so a layer without the extra parameter has the old layout.
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

    /** Key of the inverse occurrence counts (present only with the mini-batch aware L2). */
    public static final String INVERSE_COUNT_KEY = "invCount";

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
        return l.getNIn() * l.getNOut() + (hasCounts(layer) ? l.getNIn() : 0);
    }

    private static boolean hasCounts(Layer layer) {
        return layer instanceof EmbeddingLookupLayer && ((EmbeddingLookupLayer) layer).hasFrequencyL2();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return hasCounts(layer) ? List.of(WEIGHT_KEY, INVERSE_COUNT_KEY) : List.of(WEIGHT_KEY);
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
        long t = layer.getNIn() * layer.getNOut();
        INDArray view = ParamViews.slice(paramsView, n, 0, t);
        long[] shape = {layer.getNIn(), layer.getNOut()};
        INDArray table = initializeParams
                ? layer.getWeightInitFn().init(1, layer.getNOut(), shape, ORDER, view)
                : WeightInitUtil.reshapeWeights(shape, view, ORDER);
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        params.put(WEIGHT_KEY, table);
        conf.addVariable(WEIGHT_KEY);
        if (hasCounts(layer)) {
            INDArray counts = ParamViews.slice(paramsView, n, t, n);
            if (initializeParams) {
                counts.assign(0);
            }
            params.put(INVERSE_COUNT_KEY, counts);
            conf.addVariable(INVERSE_COUNT_KEY);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        long n = numParams(layer);
        long t = layer.getNIn() * layer.getNOut();
        INDArray view = ParamViews.slice(gradientView, n, 0, t);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WEIGHT_KEY, WeightInitUtil.reshapeWeights(new long[] {layer.getNIn(), layer.getNOut()}, view, ORDER));
        if (hasCounts(layer)) {
            out.put(INVERSE_COUNT_KEY, ParamViews.slice(gradientView, n, t, n));
        }
        return out;
    }
}
