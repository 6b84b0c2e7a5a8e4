package io.sparkact.train;

/**
 * Training produced a non-finite score or non-finite parameters. Thrown before anything is written, so
 * a diverged model never reaches an output directory. The message names the epoch, the minibatch when
 * the driver can know it, and the learning rate.
 */
public final class DivergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final double learningRate;

    public DivergenceException(int epoch, String where, double learningRate, String what) {
        super("training diverged in " + where + ": " + what + " (learning rate " + learningRate
                + "); lower training.learning_rate or normalise the numeric inputs. No model was written.");
        this.epoch = epoch;
        this.learningRate = learningRate;
    }

    public int epoch() { return epoch; }
    public double learningRate() { return learningRate; }
}
