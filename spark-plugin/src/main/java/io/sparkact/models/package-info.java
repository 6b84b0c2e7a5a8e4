/**
 * CTR model builders. A {@link io.sparkact.models.ModelSpec} (validated, immutable) says which model,
 * which activation (an {@link io.sparkact.catalog.ActivationSpec}), the hidden widths, the input layout
 * (hash buckets, categorical fields, numeric inputs) and the optimiser's hyper-parameters;
 * {@link io.sparkact.models.Models} turns it into a DL4J {@code ComputationGraph} with the family's builder:
 * {@link io.sparkact.models.DnnModel} (dnn) or {@link io.sparkact.models.DeepFmModel} (deepfm, which reuses
 * DnnModel's inputs, embedding and tower).
 *
 * <p>Input contract of every model (what the feature encoder produces): input {@code "cat"}, FLOAT
 * {@code [b, nCat]} of integer bucket indices into one shared embedding table, present when
 * {@code categoricalFields > 0}; then input {@code "num"}, FLOAT {@code [b, nNum]}, present when
 * {@code numericInputs > 0}; one output {@code "out"}, the click probability {@code [b, 1]}.
 */
package io.sparkact.models;
