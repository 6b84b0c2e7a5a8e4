package io.sparkact.train;

/**
 * Binary-classification metrics of a model on a data set.
 *
 * @param auc area under the ROC curve (ties count 1/2); NaN when only one class is present
 * @param logloss mean binary cross-entropy with predictions clipped to [1e-15, 1 - 1e-15]
 * @param calibration mean prediction / observed positive rate (1 is perfectly calibrated on average)
 * @param count number of examples
 */
public record EvalMetrics(double auc, double logloss, double calibration, long count) {
}
