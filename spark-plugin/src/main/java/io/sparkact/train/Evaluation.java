package io.sparkact.train;

import io.sparkact.health.HealthStats;

/**
 * The result of one evaluation pass.
 *
 * @param metrics binary-classification metrics
 * @param health activation health of the hidden layers; the identity (no layers) when not measured
 */
public record Evaluation(EvalMetrics metrics, HealthStats health) {
}
