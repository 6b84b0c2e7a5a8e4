/**
 * Typed, self-describing parameters of activations and layers.
 *
 * <p>Each activation declares its parameters once, as {@link io.sparkact.params.Param} constants with a
 * default, an allowed range and a one-line description. The same declaration validates constructor
 * arguments, parses catalogue specs such as {@code lrelu6(alpha=0.02)} and is printed by
 * {@code sparkact activations list}, so the documented range and the enforced range cannot drift apart.
 * Error messages follow Spark ML's form: "{@code <owner> parameter <name> given invalid value <value>}",
 * followed by what is allowed.
 */
package io.sparkact.params;
