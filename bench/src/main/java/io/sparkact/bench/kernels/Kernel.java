package io.sparkact.bench.kernels;

/**
 * One measured element-wise computation on prepared arrays: a forward pass, and a forward plus backward pass
 * as a training step does them. Implementations own their arrays; {@link #reset()} restores whatever a pass
 * overwrote (in-place activations destroy their input), and is called outside the measured time.
 */
public interface Kernel {

    /** One forward pass. */
    void forward();

    /** One forward pass followed by one backward pass (dL/dx for a given dL/df). */
    void forwardBackward();

    /** Puts the inputs back to their initial values. */
    void reset();
}
