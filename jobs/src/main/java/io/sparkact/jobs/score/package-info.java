/**
 * {@code sparkact score}: batch scoring with a trained model (a train output or a registry version) →
 * Parquet of the input's id columns and {@code pctr}, encoded exactly as the model's manifest says.
 */
package io.sparkact.jobs.score;
