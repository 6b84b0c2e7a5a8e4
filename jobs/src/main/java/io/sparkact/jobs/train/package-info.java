/** {@code sparkact train}: read, encode, train a CTR model on Spark, evaluate, and write model + metrics. */
package io.sparkact.jobs.train;
