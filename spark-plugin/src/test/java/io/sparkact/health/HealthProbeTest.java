package io.sparkact.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.ActivationSpec;
import io.sparkact.catalog.CatalogEntry;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** HealthProbe on one hidden block of 3 units fed by 2 numeric inputs, against hand-derived values. */
class HealthProbeTest {

    private static final ActivationCatalog CATALOG = ActivationCatalog.standard();

    /**
     * Inputs x (3 examples) and dense parameters W = [[1, −1, 0], [0, 2, 0]], b = [0, 0.5, −1], so
     * z = x·W + b is, row by row:
     * <pre>
     *   x = ( 1,    0)  → z = ( 1,   −0.5, −1)   relu = (1,   0, 0)   f′ = (1, 0, 0)
     *   x = ( 0.5,  1)  → z = ( 0.5,  2,   −1)   relu = (0.5, 2, 0)   f′ = (1, 1, 0)
     *   x = (−1,   −1)  → z = (−1,   −0.5, −1)   relu = (0,   0, 0)   f′ = (0, 0, 0)
     * </pre>
     * dead: unit 3 has f′ = 0 on every example, units 1 and 2 are alive somewhere → 1/3.
     * saturated pairs (f′ = 0): 2 + 1 + 3 = 6 of 9 → 2/3. active (output &gt; 0): 1, 0.5, 2 → 3/9 = 1/3.
     * mean = 3.5/9; E[f²] = (1 + 0.25 + 4)/9 = 5.25/9; std = sqrt(5.25/9 − (3.5/9)²) = sqrt(35/81) ≈ 0.657342;
     * max_abs = 2.
     */
    static final double[][] X = {{1, 0}, {0.5, 1}, {-1, -1}};
    static final double[][] W = {{1, -1, 0}, {0, 2, 0}};
    static final double[] B = {0, 0.5, -1};

    @Test
    void reluByHand() {
        LayerStats s = probe(block("relu"), X);
        checkReluGolden(s);
    }

    /** PReLU with slope 0 is relu; its f′ comes from the layer's own backprop, so the same numbers must come out. */
    @Test
    void preluWithZeroSlopeIsReluThroughTheLayerBackprop() {
        ComputationGraph g = block("prelu(alpha=0)");
        assertEquals(HiddenLayer.Kind.UNIT_LAYER, HiddenLayer.of(g.getConfiguration()).get(0).kind());
        checkReluGolden(probe(g, X));
    }

    private static void checkReluGolden(LayerStats s) {
        assertEquals(3, s.examples());
        assertEquals(1, s.deadUnits());
        assertEquals(1.0 / 3, s.deadFraction(), 1e-15);
        assertEquals(6, s.saturatedPairs());
        assertEquals(2.0 / 3, s.saturatedFraction(), 1e-15);
        assertEquals(3, s.activePairs());
        assertEquals(1.0 / 3, s.activeFraction(), 1e-15);
        assertEquals(3.5 / 9, s.mean(), 1e-12);
        assertEquals(Math.sqrt(35.0 / 81), s.std(), 1e-12);
        assertEquals(2.0, s.maxAbs(), 0.0);
    }

    /**
     * Maxout(pieces=2) with W = 0 and biases per (unit, piece) (−1, 2), (0, 0), (−3, −2): every example
     * outputs (2, 0, −2). f′ ≡ 1 by definition: nothing is dead or saturated; active 1/3 of the pairs;
     * mean 0; std = sqrt((4 + 0 + 4)/3); max_abs 2. The definition is the layer's own: with ε = 1 its
     * backprop routes exactly one unit of gradient per example into each unit's pieces (bias gradient
     * summed over a unit's pieces = number of examples).
     */
    @Test
    void maxoutIsNeverDeadOrSaturated() {
        ComputationGraph g = block("maxout(pieces=2)");
        g.getParam("h0_0_W").assign(0);
        g.getParam("h0_0_b").assign(Nd4j.createFromArray(new double[][] {{-1, 2, 0, 0, -3, -2}}));
        LayerStats s = probe(g, X);
        assertEquals(0, s.deadUnits());
        assertEquals(0, s.saturatedPairs());
        assertEquals(1.0 / 3, s.activeFraction(), 1e-15);
        assertEquals(0.0, s.mean(), 1e-15);
        assertEquals(Math.sqrt(8.0 / 3), s.std(), 1e-12);
        assertEquals(2.0, s.maxAbs(), 0.0);

        Layer maxout = g.getLayer("h0_0");
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        maxout.setInput(Nd4j.createFromArray(X), mgr);
        maxout.activate(false, mgr);
        Gradient grad = maxout.backpropGradient(Nd4j.ones(DataType.DOUBLE, 3, 3), mgr).getFirst();
        double[] bias = grad.getGradientFor("b").toDoubleVector();
        for (int unit = 0; unit < 3; unit++) {
            assertEquals(3.0, bias[2 * unit] + bias[2 * unit + 1], 0.0, "unit " + unit);
        }
    }

    /** Every catalogue entry with its defaults: the probe runs and its statistics are within their ranges. */
    @Test
    void everyCatalogueEntryIsMeasured() {
        double[][] x = new double[64][2];
        java.util.Random rnd = new java.util.Random(3);
        for (double[] row : x) {
            row[0] = rnd.nextGaussian() * 3;
            row[1] = rnd.nextGaussian() * 3;
        }
        for (CatalogEntry e : CATALOG.entries()) {
            LayerStats s = probe(block(e.defaultSpec()), x);
            String what = e.defaultSpec() + ": " + HealthRecord.of(1, "h0", e.name(), s, Double.NaN);
            assertEquals(64, s.examples(), what);
            for (double f : new double[] {s.deadFraction(), s.saturatedFraction(), s.activeFraction()}) {
                assertTrue(f >= 0 && f <= 1, what);
            }
            assertTrue(Double.isFinite(s.mean()) && s.std() >= 0 && s.maxAbs() >= Math.abs(s.mean()), what);
        }
    }

    /** A graph input "num" (2) → block h0_* of 3 units with {@code spec} → sigmoid output, double precision. */
    static ComputationGraph block(String spec) {
        ActivationSpec a = CATALOG.parse(spec);
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(1).graphBuilder().addInputs("num");
        String prev = "num";
        List<org.deeplearning4j.nn.conf.layers.Layer> layers = a.hiddenBlock(3);
        for (int j = 0; j < layers.size(); j++) {
            b.addLayer("h0_" + j, layers.get(j), prev);
            prev = "h0_" + j;
        }
        b.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                .nOut(1).build(), prev).setOutputs("out").setInputTypes(InputType.feedForward(2));
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        if (!a.name().equals("maxout")) {
            g.getParam("h0_0_W").assign(Nd4j.createFromArray(W));
            g.getParam("h0_0_b").assign(Nd4j.createFromArray(new double[][] {B}));
        }
        return g;
    }

    static LayerStats probe(ComputationGraph g, double[][] x) {
        HealthProbe p = new HealthProbe(g);
        HealthStats stats = p.emptyStats();
        p.add(g.feedForward(new INDArray[] {Nd4j.createFromArray(x)}, false), stats);
        assertEquals(1, stats.layerCount());
        return stats.layer(0);
    }
}
