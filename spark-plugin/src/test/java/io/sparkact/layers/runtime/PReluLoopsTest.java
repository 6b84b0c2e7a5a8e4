package io.sparkact.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PReLU's float loops, which run in row blocks on ND4J's threads, against a plain reference written here from
 * the definition (f = x for x &gt; 0, αx otherwise; f′ = 1 or α with the kink to the negative side; dL/dα = Σ over
 * rows of ε·min(x, 0)), on shapes below and above Blocks' parallel threshold (65,536 elements).
 */
class PReluLoopsTest {

    /**
     * 3001 x 256 and 700 x 100: two row blocks whose element split does not end on a row, more than 16 chunks
     * (float partial sums flushed several times); 1000 x 7: units that do not divide the chunk; 5 x 5000: units
     * above the chunk; 2 x 3: tiny. Zeros are planted to pin the kink.
     */
    @ParameterizedTest
    @CsvSource({"3001, 256", "700, 100", "1000, 7", "5, 5000", "2, 3"})
    void loopsMatchTheDefinition(int rows, int units) {
        Nd4j.getRandom().setSeed(rows * 7919L + units);
        INDArray x = Nd4j.randn(DataType.FLOAT, rows, units).muli(3);
        INDArray eps = Nd4j.randn(DataType.FLOAT, rows, units);
        x.putScalar(0, 0f);
        x.putScalar((long) rows * units - 1, 0f);
        double[] alpha = new double[units];
        for (int u = 0; u < units; u++) {
            alpha[u] = (float) (0.5 * Math.sin(u) + 0.1);     // floats, so f's expected values are exact
        }
        INDArray out = Nd4j.create(DataType.FLOAT, rows, units);
        INDArray dLdx = Nd4j.create(DataType.FLOAT, rows, units);
        PReluLoops.forward(x, out, alpha);
        double[] dAlpha = PReluLoops.backward(x, eps, dLdx, alpha);

        float[] xs = x.data().asFloat();
        float[] es = eps.data().asFloat();
        float[] f = out.data().asFloat();
        float[] d = dLdx.data().asFloat();
        double[] sum = new double[units];
        double[] abs = new double[units];
        for (int i = 0; i < xs.length; i++) {
            int u = i % units;
            float a = (float) alpha[u];
            // a float product of two floats is the exact product rounded once: the loops must give these bits
            assertEquals(xs[i] > 0 ? xs[i] : a * xs[i], f[i], 0f, "f at " + i);
            assertEquals(xs[i] > 0 ? es[i] : a * es[i], d[i], 0f, "dL/dx at " + i);
            double term = (double) es[i] * Math.min(xs[i], 0f);
            sum[u] += term;
            abs[u] += Math.abs(term);
        }
        for (int u = 0; u < units; u++) {
            // float partial sums of up to 16 terms: within ~1e-6 of the sum of magnitudes
            assertEquals(sum[u], dAlpha[u], 1e-6 * abs[u] + 1e-12, "dL/dα of unit " + u);
        }
        // blocks are added in row order: the same dL/dα whatever the threads' timing
        double[] again = PReluLoops.backward(x, eps, Nd4j.create(DataType.FLOAT, rows, units), alpha);
        assertArrayEquals(dAlpha, again, 0.0);
        assertTrue(Double.isFinite(dAlpha[0]));
    }
}
