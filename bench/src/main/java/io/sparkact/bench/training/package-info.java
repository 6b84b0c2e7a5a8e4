/**
 * Benchmarks of whole trainings and jobs on an embedded Spark (local[2]): distribution overhead (single-process
 * fit vs parameter averaging vs gradient sharing), sweep parallelism, scoring against MLlib's logistic
 * regression, and the health pass. Jobs run in-process through the CLI's {@code Main.run}, as bin/sparkact would
 * run them.
 */
package io.sparkact.bench.training;
