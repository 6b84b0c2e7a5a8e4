/**
 * Parameter initializers for the activations with parameters or state in {@link io.sparkact.layers}.
 *
 * <p>Each initializer names its parameters with public key constants, slices DL4J's flat parameter and
 * gradient vectors into per-parameter views, and sets initial values. State such as running statistics is
 * stored as (non-trained) parameters, so that ModelSerializer saves it and Spark parameter averaging
 * averages it like any other parameter.
 */
package io.sparkact.layers.params;
