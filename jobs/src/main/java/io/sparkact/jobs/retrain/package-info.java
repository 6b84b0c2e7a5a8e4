/**
 * {@code sparkact retrain}: production retraining into a model registry (io.sparkact.registry) — warm start from
 * the champion, the promotion gate on a shared holdout, atomic publish, retention and {@code --rollback N}.
 */
package io.sparkact.jobs.retrain;
