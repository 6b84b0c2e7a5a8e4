/**
 * Input and features: readers for Criteo TSV, CSV and Parquet with a quarantine for bad rows, and the
 * feature encoding (hashed categoricals, transformed numerics) that turns good rows into DL4J minibatches.
 *
 * <p>Flow: an {@link io.sparkact.data.InputSpec} (format, paths, {@link io.sparkact.data.Schema}, bad-row
 * limit) → {@link io.sparkact.data.InputReader#read} → {@link io.sparkact.data.ReadResult} (good rows in a
 * canonical schema, exact counts, quarantine written) → {@link io.sparkact.data.FeatureEncoder#fit} →
 * {@link io.sparkact.data.FeatureEncoding} (JSON round trip for the model manifest) →
 * {@link io.sparkact.data.FeatureEncoding#toMultiDataSets} on the executors.
 *
 * <p>Errors: {@link io.sparkact.data.InputException} is a usage-type error (missing path, empty input,
 * missing column, invalid spec); {@link io.sparkact.data.BadInputException} is a runtime failure (too many
 * bad rows), thrown only after the quarantine is written.
 */
package io.sparkact.data;
