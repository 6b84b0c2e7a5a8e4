/**
 * Custom ComputationGraph vertices (configurations), following DL4J's {@code nn.conf.graph} pattern: a
 * JSON-serialisable configuration (Jackson writes its class name, so no registration is needed) whose
 * {@code instantiate()} creates the runtime vertex in {@link io.sparkact.vertices.runtime}.
 *
 * <p>Vertices here have no parameters of their own: they combine the outputs of layers that do, with a
 * hand-written backward pass. This is the classic route on purpose: DL4J 1.0.0-M2's SameDiff-based layers
 * compute wrong gradients (the project's STACK.md), so the SameDiff-based vertex is not used either.
 */
package io.sparkact.vertices;
