/** {@code sparkact quickstart}: a first look at SparkAct that needs no data and no cluster. */
package io.sparkact.jobs.quickstart;
