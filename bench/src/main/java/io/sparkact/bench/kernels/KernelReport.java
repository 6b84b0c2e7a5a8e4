package io.sparkact.bench.kernels;

import static io.sparkact.bench.kernels.KernelSection.FORWARD;
import static io.sparkact.bench.kernels.KernelSection.FORWARD_BACKWARD;

import io.sparkact.bench.MarkdownTable;
import java.util.List;
import java.util.Map;

/** The kernel table from measured times: ratios to ND4J's relu and fractions of the copy's bandwidth. */
final class KernelReport {

    /** Bytes per element a forward pass must move (read x, write f), and a forward + backward pass. */
    static final double FORWARD_BYTES = 8;
    static final double FORWARD_BACKWARD_BYTES = 20;

    private KernelReport() {
    }

    /** {@code times}: kernel → pass → ms. */
    static String render(Map<String, Map<String, Double>> times, int elements) {
        double copy = time(times, Kernels.COPY, FORWARD);
        double reluF = time(times, Kernels.ND4J_RELU, FORWARD);
        double reluFb = time(times, Kernels.ND4J_RELU, FORWARD_BACKWARD);
        double copyGbs = FORWARD_BYTES * elements / (copy / 1e3) / 1e9;
        MarkdownTable t = new MarkdownTable(
                List.of("kernel", "fwd ms", "fwd x relu", "fwd % copy bw", "fwd+bwd ms", "fwd+bwd x relu",
                        "fwd+bwd % copy bw", "targets"),
                List.of("fwd ms", "fwd x relu", "fwd % copy bw", "fwd+bwd ms", "fwd+bwd x relu", "fwd+bwd % copy bw"));
        int met = 0;
        int custom = 0;
        for (Map.Entry<String, Map<String, Double>> e : times.entrySet()) {
            String k = e.getKey();
            double f = e.getValue().getOrDefault(FORWARD, Double.NaN);
            double fb = e.getValue().getOrDefault(FORWARD_BACKWARD, Double.NaN);
            double fFrac = copy / f;
            double fbFrac = FORWARD_BACKWARD_BYTES / FORWARD_BYTES * copy / fb;
            boolean reference = k.equals(Kernels.COPY) || k.equals(Kernels.ND4J_RELU) || k.equals(Kernels.DENSE_RELU)
                    || k.startsWith(Nd4jChains.PREFIX);
            String verdict;
            if (reference) {
                verdict = k.startsWith(Nd4jChains.PREFIX) ? "alternative" : "reference";
            } else {
                boolean ok = KernelSection.meets(f / reluF, fFrac) && KernelSection.meets(fb / reluFb, fbFrac);
                custom++;
                met += ok ? 1 : 0;
                verdict = ok ? "met" : "missed";
            }
            boolean isCopy = k.equals(Kernels.COPY);
            t.row(label(k), MarkdownTable.num(f, 2), MarkdownTable.num(f / reluF, 2), MarkdownTable.percent(fFrac),
                    isCopy ? "" : MarkdownTable.num(fb, 2), isCopy ? "" : MarkdownTable.num(fb / reluFb, 2),
                    isCopy ? "" : MarkdownTable.percent(fbFrac), verdict);
        }
        return String.format(java.util.Locale.ROOT, """
                Median time of one pass over %,d floats (float32, [%d, %d]), JMH sample mode, one fork per kernel and pass.
                Copy bandwidth: %.1f GB/s (8 bytes per element). "x relu" is the time divided by ND4J's relu
                (ActivationReLU) of the same pass; "%% copy bw" is the bytes the pass must move (8 per element forward,
                20 forward+backward) per second as a fraction of the copy's. Targets: <= %.1fx relu and >= %.0f%% of copy
                bandwidth in both passes; %d of %d catalogue kernels meet both. Layers (Dice, PReLU, trainable Swish,
                Maxout) run as DL4J runs them in training (activate(true) + backpropGradient, arrays in a workspace); Maxout
                replaces a dense layer (%d inputs, %d pieces per output): compare it with the dense-relu row.

                """, elements, elements / Kernels.UNITS, Kernels.UNITS, copyGbs, KernelSection.MAX_RELU_RATIO,
                100 * KernelSection.MIN_COPY_FRACTION, met, custom, LayerKernel.MAXOUT_IN, 2) + t.render();
    }

    private static String label(String kernel) {
        if (kernel.equals(Kernels.COPY)) {
            return "copy (memcpy)";
        }
        if (kernel.equals(Kernels.ND4J_RELU)) {
            return "relu (ND4J ActivationReLU)";
        }
        if (kernel.equals(Kernels.DENSE_RELU)) {
            return "dense layer + relu (ND4J)";
        }
        if (kernel.startsWith(Nd4jChains.PREFIX)) {
            return kernel.substring(Nd4jChains.PREFIX.length()) + " as ND4J op (DL4J's activation)";
        }
        return kernel;
    }

    private static double time(Map<String, Map<String, Double>> times, String kernel, String pass) {
        Map<String, Double> m = times.get(kernel);
        return m == null ? Double.NaN : m.getOrDefault(pass, Double.NaN);
    }
}
