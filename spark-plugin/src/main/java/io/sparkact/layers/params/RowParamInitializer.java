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
 * Shared mechanics of a layer whose parameters are row vectors {@code [1, n]} of one length n, one after
 * the other in the flat parameter vector, each filled with a constant from the configuration (PReLU's α
 * per unit, Swish's single β, Dice's α and running statistics). Modelled on DL4J's
 * {@code PReLUParamInitializer}, but the initial values come from the layer's own parameters, not from a
 * weight-init function.
 *
 * <p>By default no row is a weight or a bias for DL4J, so the layer's L1/L2/weight-decay settings do not
 * apply to it (He et al. 2015, §2.1, train α without weight decay because decay pushes α towards 0, i.e.
 * towards ReLU). A subclass may declare rows weights ({@link #weightKeys}), as Dice does for its α. A row
 * that is state rather than trained (Dice's running statistics) must stay neither weight nor bias, and that
 * alone is not enough: DL4J still gives it the layer's updater, so the layer configuration must also return
 * NoOp for it and no regularisation, and the runtime a zero gradient. A length of 0 is allowed: the layer
 * then has no parameters at all.
 */
public abstract class RowParamInitializer implements ParamInitializer {

    /** The rows' keys in the layer's parameter table, in their order in the flat vector. */
    protected abstract List<String> keys();

    /** Number of entries of each row; 0 means no parameters. */
    protected abstract long length(Layer layer);

    /** The value every entry of row {@code key} starts at. */
    protected abstract double initialValue(Layer layer, String key);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return keys().size() * length(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return length(layer) == 0 ? Collections.emptyList() : keys();
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
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        Layer layer = conf.getLayer();
        Map<String, INDArray> rows = rows(paramsView, length(layer));
        for (Map.Entry<String, INDArray> e : rows.entrySet()) {
            if (initializeParams) {
                e.getValue().assign(initialValue(layer, e.getKey()));
            }
            params.put(e.getKey(), e.getValue());
            conf.addVariable(e.getKey());
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return rows(gradientView, length(conf.getLayer()));
    }

    /** Views {@code [1, n]} of the consecutive rows of {@code flat}, by key; none if n is 0. */
    private Map<String, INDArray> rows(INDArray flat, long n) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        List<String> keys = keys();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), ParamViews.slice(flat, keys.size() * n, i * n, (i + 1) * n));
        }
        return out;
    }
}
