/**
 * The activation catalogue: every activation SparkAct ships, by name, with its parameters, and a parser
 * for specs such as {@code lrelu6(alpha=0.02)} or {@code dice(epsilon=1e-9,momentum=0.99)}.
 *
 * <p>A parsed {@link io.sparkact.catalog.ActivationSpec} knows how to become part of a network: an
 * element-wise {@code IActivation} on a dense layer, a per-unit layer after an identity dense layer
 * (Dice, PReLU, trainable Swish), or a replacement for the dense layer (Maxout).
 * {@link io.sparkact.catalog.ActivationEvaluator} evaluates f and f′ of any spec at given points in double
 * precision, using the activation's own forward and backward code.
 */
package io.sparkact.catalog;
