/**
 * Runtime layers for the activations with parameters or state configured in {@link io.sparkact.layers}.
 *
 * <p>Each class here is created by its configuration's {@code instantiate()}, implements the forward pass
 * ({@code activate}) and the hand-derived backward pass ({@code backpropGradient}) on DL4J's parameter and
 * gradient views, and keeps no state of its own beyond what DL4J's runtime layers keep: anything that must
 * survive serialisation or Spark parameter averaging lives in the parameter vector.
 */
package io.sparkact.layers.runtime;
