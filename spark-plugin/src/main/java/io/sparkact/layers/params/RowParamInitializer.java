package io.sparkact.layers.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared mechanics of a layer whose only parameter is one row vector {@code [1, n]} filled with a
 * constant from the configuration (PReLU's α per unit, Swish's single β). Modelled on DL4J's
 * {@code PReLUParamInitializer}, but the initial value comes from the layer's own parameter, not from a
 * weight-init function.
 *
 * <p>The parameter is neither a weight nor a bias for DL4J, so the layer's L1/L2/weight-decay settings
 * do not apply to it (He et al. 2015, §2.1, train α without weight decay because decay pushes α
 * towards 0, i.e. towards ReLU). A length of 0 is allowed: the layer then has no parameters at all.
 */
public abstract class RowParamInitializer implements ParamInitializer {

    /** The parameter's key in the layer's parameter table. */
    protected abstract String key();

    /** Number of entries of the row; 0 means no parameter. */
    protected abstract long length(Layer layer);

    /** The value every entry starts at. */
    protected abstract double initialValue(Layer layer);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return length(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return length(layer) == 0 ? Collections.emptyList() : Collections.singletonList(key());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        long n = length(conf.getLayer());
        if (n == 0) {
            return params;
        }
        INDArray row = ParamViews.slice(paramsView, n, 0, n);
        if (initializeParams) {
            row.assign(initialValue(conf.getLayer()));
        }
        params.put(key(), row);
        conf.addVariable(key());
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        long n = length(conf.getLayer());
        if (n > 0) {
            out.put(key(), ParamViews.slice(gradientView, n, 0, n));
        }
        return out;
    }
}
