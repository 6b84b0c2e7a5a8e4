/**
 * Runtime (forward and backward) implementations of the vertex configurations in
 * {@link io.sparkact.vertices}; created only by their configuration's {@code instantiate()}.
 */
package io.sparkact.vertices.runtime;
