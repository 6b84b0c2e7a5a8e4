/**
 * Synthetic CTR data with a known click probability.
 *
 * <p>{@link io.sparkact.data.synth.SynthSpec} says what to generate;
 * {@link io.sparkact.data.synth.SyntheticData#generate} builds the rows on the executors (row i depends
 * only on the seed and i, so the data do not depend on partitioning) and
 * {@link io.sparkact.data.synth.SyntheticData#write} writes train/valid splits as Parquet or Criteo TSV
 * plus {@code oracle.json}: the AUC and log loss of the true probabilities on the validation split, the
 * ceiling any model can reach. The true model (main effects, factorisation-machine interactions and
 * non-linear numeric terms) is documented in {@code TruthModel}.
 */
package io.sparkact.data.synth;
