/** Integration test of {@code io.sparkact.plugin.SparkActPlugin} on a local-cluster master. */
package io.sparkact.jobs.plugin;
