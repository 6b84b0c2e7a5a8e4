/**
 * Fault-injection integration tests (issue 9): the driver of {@code train} killed mid-epoch and restarted on the
 * same output, a worker JVM killed under each training master on the standalone cluster, and sweeps and retrains
 * killed at seeded random moments. Every process is a child JVM started through {@code bin/sparkact} (or the
 * cluster's SparkSubmit) and killed by its PID with SIGKILL ({@link java.lang.ProcessHandle#destroyForcibly()}), as
 * the OOM killer or a lost machine would; the tests then check what the killed run left behind.
 */
package io.sparkact.jobs.faults;
