package io.sparkact.bench;

/**
 * The closing section of BENCHMARKS.md: what was changed in SparkAct to approach the targets, and why the
 * remaining misses are limits rather than overhead. Written once by hand (the tables above it are measured each
 * run); each statement names the table row that supports it.
 */
final class Findings {

    private Findings() {
    }

    static Section section() {
        return new Section("What was changed, and the limits", """
                Changes made while building these benchmarks (issue 10):

                - **Element-wise activations run on all cores.** `PointwiseActivation` (the single-pass loop behind
                  every catalogue function except relu) processed the whole buffer on the calling thread while ND4J's
                  relu used every core. Large arrays (>= 65,536 elements) are now split into blocks, one per ND4J
                  op thread (`Nd4j.getEnvironment().maxMasterThreads()`, so a sweep trial limited to one thread stays
                  at one). Results are bit for bit those of one thread (`BlocksTest`).
                - **PReLU is one pass each way.** Its ND4J-op form built a mask, a slope and their product (several
                  full-size temporaries) forward and more backward; dense 2-D input now runs a single loop forward
                  (read x, write f) and backward (read x and dL/df, write dL/dx, sum dL/dalpha), other layouts keep
                  the op form. Golden values and gradient checks unchanged (`PReluLayerTest`).
                - **Sweep trials no longer oversubscribe the cores.** `TrialTask` limited ND4J with `setMaxThreads`,
                  which libnd4j 1.0.0-M2 ignores, and left OpenBLAS at the machine's threads, so two trials at once ran
                  four or more threads on two cores. Trials now call `Nd4jThreads.apply(1)` (op threads and OpenBLAS),
                  and the driver's settings are restored afterwards.
                - The kernel harness allocates in a workspace per pass, as DL4J training does: outside a workspace every
                  16 MB temporary (ND4J's own relu backprop allocates one) is a native allocation that waited ~100 ms
                  for the garbage collector on a busy machine, which measured the allocator, not the activation.

                Limits (why a "missed" above is not SparkAct overhead):

                - **exp-bound activations.** sigmoid, tanh, swish, softplus, elu, selu, tanhshrink, Dice's gate and
                  trainable Swish evaluate an exponential (or tanh) per element, and their derivatives at least one
                  more. relu and the piecewise-linear functions move 8 bytes per element forward and are memory-bound;
                  an exponential costs more than moving 8 bytes on these cores, so no implementation of these functions
                  reaches 1.3x relu: compare each with its "as ND4J op" row (libnd4j's vectorised native exp), which is
                  the faster alternative for the forward pass but loses digits in the derivatives (1 - s computed in
                  float; the catalogue keeps its own double-precision derivatives, see the activations package).
                - **Maxout is a dense layer**, not an element-wise function: its cost is a matrix product over k pieces
                  plus the max; compare it with the dense layer + relu row of the same shape, not with relu alone.
                - **Dice** normalises with per-unit batch statistics: two reductions forward and four backward over
                  the whole minibatch, on top of the sigmoid gate.
                - **Distribution on local[2]**: both workers share the driver's two cores with Spark's own threads;
                  parameter averaging adds a Spark job, a parameter broadcast and an averaging step every few
                  minibatches, gradient sharing an Aeron transport and threshold encoding. The table's ratio is the
                  cost of that machinery at this model size; a bigger model or minibatch amortises it.
                """);
    }
}
