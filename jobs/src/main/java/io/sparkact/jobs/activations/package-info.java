/**
 * {@code sparkact activations list|table|plot}: the catalogue, f and f′ of a spec as CSV, and an SVG of
 * the curves of several specs.
 */
package io.sparkact.jobs.activations;
