package io.sparkact.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * How to train on Spark: training master, epochs, minibatch size, early-stopping patience, workers and
 * the averaging frequency. Immutable; {@link Builder#build()} validates and names the config key.
 */
public final class TrainingSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The dl4j-spark training masters. */
    public enum Master {
        /** ParameterAveragingTrainingMaster: synchronous averaging of parameters and updater state. */
        AVERAGING,
        /** SharedTrainingMaster: asynchronous threshold-encoded gradient sharing over Aeron UDP. */
        SHARING;

        public static Master parse(String text) {
            for (Master m : values()) {
                if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("training.master given invalid value " + text
                    + "; allowed: one of " + Arrays.toString(
                    Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toArray()));
        }
    }

    /** DL4J's usual parameter-averaging frequency (its examples and the dl4j-spark documentation use 5). */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    private final Master master;
    private final int epochs;
    private final int batchSize;
    private final int patience;
    private final int workers;
    private final int averagingFrequency;
    private final double lrDecay;

    private TrainingSpec(Builder b) {
        master = b.master;
        epochs = b.epochs;
        batchSize = b.batchSize;
        patience = b.patience;
        workers = b.workers;
        averagingFrequency = b.averagingFrequency;
        lrDecay = b.lrDecay;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Master master() { return master; }
    public int epochs() { return epochs; }
    /** Examples per minibatch of the (already batched) RDD, and the master's batch size per worker. */
    public int batchSize() { return batchSize; }
    /** Epochs without a lower validation logloss before stopping; 0 = no early stopping. */
    public int patience() { return patience; }
    /** Number of workers; 0 = Spark's default parallelism. */
    public int workers() { return workers; }
    /** Parameter averaging: minibatches each worker fits between two averagings. */
    public int averagingFrequency() { return averagingFrequency; }
    /** Learning-rate factor per epoch: epoch e (1-based) trains with learning_rate·lrDecay^(e−1); 1 = constant. */
    public double lrDecay() { return lrDecay; }

    /** The learning rate of epoch {@code epoch} (1-based) for a base rate {@code base}. */
    public double learningRate(double base, int epoch) {
        return base * Math.pow(lrDecay, epoch - 1);
    }

    @Override
    public String toString() {
        return "TrainingSpec{master=" + master + ", epochs=" + epochs + ", batchSize=" + batchSize
                + ", patience=" + patience + ", workers=" + workers + ", averagingFrequency=" + averagingFrequency + ", lrDecay=" + lrDecay + "}";
    }

    /** Mutable builder with the defaults of ARCHITECTURE.md. */
    public static final class Builder {
        private Master master = Master.AVERAGING;
        private int epochs = 3;
        private int batchSize = 256;  // the train job's default (CommonKeys: why not 512)
        private int patience = 0;
        private int workers = 0;
        private int averagingFrequency = DEFAULT_AVERAGING_FREQUENCY;
        private double lrDecay = 1.0;

        private Builder() {
        }

        public Builder master(Master v) { master = v; return this; }
        public Builder master(String v) { return master(Master.parse(v)); }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        public Builder averagingFrequency(int v) { averagingFrequency = v; return this; }
        public Builder lrDecay(double v) { lrDecay = v; return this; }

        public TrainingSpec build() {
            if (master == null) {
                throw invalid("training.master", "null", "averaging or sharing");
            }
            check("training.epochs", epochs, 1);
            check("training.batch_size", batchSize, 1);
            check("training.patience", patience, 0);
            check("training.workers", workers, 0);
            check("training.averaging_frequency", averagingFrequency, 1);
            if (!(lrDecay > 0 && lrDecay <= 1)) {
                throw invalid("training.lr_decay", Double.toString(lrDecay), "a number in (0, 1]");
            }
            if (averagingFrequency != DEFAULT_AVERAGING_FREQUENCY && master == Master.SHARING) {
                // gradient sharing has no averaging step: a frequency would be silently ignored
                throw invalid("training.averaging_frequency", Integer.toString(averagingFrequency),
                        DEFAULT_AVERAGING_FREQUENCY + " (the default) with training.master=sharing, which does not "
                        + "average parameters; use training.master=averaging");
            }
            if (lrDecay != 1 && master == Master.SHARING) {
                // SharedTrainingMaster's workers keep the model (and its updater's learning rate) they were given at
                // the first fit, so a rate changed on the driver between epochs would not reach them
                throw invalid("training.lr_decay", Double.toString(lrDecay), "1 with training.master=sharing (the "
                        + "decay is applied between epochs on the driver, which gradient sharing's workers do not "
                        + "read again); use training.master=averaging");
            }
            return new TrainingSpec(this);
        }

        private static void check(String key, int value, int min) {
            if (value < min) {
                throw invalid(key, Integer.toString(value), "an integer >= " + min);
            }
        }

        private static IllegalArgumentException invalid(String key, String value, String allowed) {
            return new IllegalArgumentException(key + " given invalid value " + value + "; allowed: " + allowed);
        }
    }
}
