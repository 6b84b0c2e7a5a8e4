package io.sparkact.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hidden layer's health after one epoch: an element of metrics.json {@code health} and a row of
 * {@code health.csv} (ARCHITECTURE.md's health record plus {@code epoch}). Undefined values are NaN here
 * and null in JSON / an empty cell in CSV: a fraction over no examples, or a grad_norm that no minibatch
 * reported.
 *
 * @param epoch 1-based epoch after which the model was measured
 * @param layer hidden layer name, {@code h{i}} for DnnModel's block i
 * @param activation the activation spec of the layer
 * @param deadFraction units with |f′| &lt; 1e-3 on every validation example
 * @param saturatedFraction (example, unit) pairs with |f′| &lt; 1e-3
 * @param mean mean output over all (example, unit) pairs
 * @param std population standard deviation of the outputs
 * @param activeFraction pairs with output &gt; 0
 * @param maxAbs largest |output|
 * @param gradNorm L2 norm of the layer's weight gradient, mean over the epoch's training minibatches
 */
public record HealthRecord(int epoch, String layer, String activation, double deadFraction,
                           double saturatedFraction, double mean, double std, double activeFraction,
                           double maxAbs, double gradNorm) {

    /** Column / key names in order. */
    public static final List<String> COLUMNS = List.of("epoch", "layer", "activation", "dead_fraction",
            "saturated_fraction", "mean", "std", "active_fraction", "max_abs", "grad_norm");

    /** The record of hidden layer {@code layer} from its validation statistics and mean gradient norm. */
    public static HealthRecord of(int epoch, String layer, String activation, LayerStats s, double gradNorm) {
        return new HealthRecord(epoch, layer, activation, s.deadFraction(), s.saturatedFraction(), s.mean(), s.std(),
                s.activeFraction(), s.maxAbs(), gradNorm);
    }

    /** Values in {@link #COLUMNS} order, NaN as null. */
    public List<Object> values() {
        return java.util.Arrays.asList(epoch, layer, activation, json(deadFraction), json(saturatedFraction),
                json(mean), json(std), json(activeFraction), json(maxAbs), json(gradNorm));
    }

    /** As metrics.json writes it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> v = values();
        for (int i = 0; i < COLUMNS.size(); i++) {
            m.put(COLUMNS.get(i), v.get(i));
        }
        return m;
    }

    private static Double json(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
