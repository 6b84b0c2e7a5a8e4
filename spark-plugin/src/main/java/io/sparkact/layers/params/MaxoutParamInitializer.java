package io.sparkact.layers.params;

import io.sparkact.layers.MaxoutLayer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of {@link MaxoutLayer} (Goodfellow et al. 2013, "Maxout Networks"): weights
 * {@value #WEIGHT_KEY} {@code [nIn, nOut·k]} and biases {@value #BIAS_KEY} {@code [1, nOut·k]}, laid out
 * and initialised as DL4J's {@code DefaultParamInitializer} does for a dense layer nIn → nOut·k: the
 * layer's weight-init function with fan-in nIn and fan-out nOut·k, biases at the layer's bias init
 * (0 unless configured). The keys are DL4J's dense keys, so L1/L2 and bias updaters apply as to a dense
 * layer and DL4J's dense forward code finds the parameters.
 */
public final class MaxoutParamInitializer implements ParamInitializer {

    /** Key of the weight matrix (the same as DL4J's dense layers). */
    public static final String WEIGHT_KEY = DefaultParamInitializer.WEIGHT_KEY;
    /** Key of the bias row (the same as DL4J's dense layers). */
    public static final String BIAS_KEY = DefaultParamInitializer.BIAS_KEY;

    private static final MaxoutParamInitializer INSTANCE = new MaxoutParamInitializer();

    private MaxoutParamInitializer() {
    }

    public static MaxoutParamInitializer getInstance() {
        return INSTANCE;
    }

    private static long columns(MaxoutLayer layer) {
        return layer.getNOut() * layer.getPieces();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        MaxoutLayer m = (MaxoutLayer) layer;
        return (m.getNIn() + 1) * columns(m);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        MaxoutLayer layer = (MaxoutLayer) conf.getLayer();
        long nIn = layer.getNIn();
        long cols = columns(layer);
        long[] shape = {nIn, cols};
        INDArray weightView = ParamViews.slice(paramsView, numParams(layer), 0, nIn * cols);
        INDArray biasView = ParamViews.slice(paramsView, numParams(layer), nIn * cols, (nIn + 1) * cols);

        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        if (initializeParams) {
            IWeightInit init = layer.getWeightInitFn();
            if (init == null) {
                throw new IllegalStateException("maxout layer \"" + layer.getLayerName() + "\" has no weight init");
            }
            params.put(WEIGHT_KEY, init.init(nIn, cols, shape, IWeightInit.DEFAULT_WEIGHT_INIT_ORDER, weightView));
            double biasInit = layer.getBiasInit();
            biasView.assign(Double.isNaN(biasInit) ? 0.0 : biasInit);
        } else {
            params.put(WEIGHT_KEY, WeightInitUtil.reshapeWeights(shape, weightView));
        }
        params.put(BIAS_KEY, biasView);
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        MaxoutLayer layer = (MaxoutLayer) conf.getLayer();
        long nIn = layer.getNIn();
        long cols = columns(layer);
        Map<String, INDArray> out = new LinkedHashMap<>();
        // 'f' order as DL4J's dense layers: the gemm in backprop writes the weight gradient in place
        out.put(WEIGHT_KEY, ParamViews.slice(gradientView, numParams(layer), 0, nIn * cols)
                .reshape('f', nIn, cols));
        out.put(BIAS_KEY, ParamViews.slice(gradientView, numParams(layer), nIn * cols, (nIn + 1) * cols));
        return out;
    }
}
