/**
 * SparkAct's benchmarks, run by {@code bin/bench} ({@link io.sparkact.bench.BenchMain}) in one invocation that
 * writes BENCHMARKS.md: activation kernels (JMH), distribution overhead, sweep parallelism, scoring and the
 * health pass. Ratios within one run are what count: the machines are noisy. Never run by {@code mvn verify}
 * (only the table formatting is unit-tested).
 */
package io.sparkact.bench;
