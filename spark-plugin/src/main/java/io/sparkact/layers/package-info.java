/**
 * Activations with parameters or state, as classic DeepLearning4J layer configurations.
 *
 * <p>An activation that has trainable parameters (a per-unit slope, a trainable β) or state carried
 * between mini-batches (running statistics) cannot be a stateless {@code IActivation}: it is a layer.
 * Each one here follows DL4J's own {@code nn.conf} pattern — an immutable, JSON-serialisable
 * configuration with a fluent builder, whose {@code instantiate()} creates the runtime layer in
 * {@link io.sparkact.layers.runtime} and whose parameters are laid out by an initializer in
 * {@link io.sparkact.layers.params}. Every configuration declares its tunables once as
 * {@link io.sparkact.params.Param} constants ({@code NAME}, {@code PARAMS}) and validates them on build.
 *
 * <p>{@link io.sparkact.layers.EmbeddingLookupLayer}, the models' embedding table, follows the same pattern: it
 * replaces DL4J's {@code EmbeddingSequenceLayer}, whose backprop makes a native scatter per index (a small array
 * and two process-wide libnd4j locks each; issue 10).
 *
 * <p>The classic route is used on purpose: DL4J 1.0.0-M2's {@code SameDiffLayer} computes wrong gradients
 * (see the project's STACK.md).
 */
package io.sparkact.layers;
