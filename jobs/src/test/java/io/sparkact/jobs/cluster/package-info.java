/**
 * Test support for a real Spark standalone cluster on loopback: {@link io.sparkact.jobs.cluster.StandaloneCluster}
 * starts a master and workers as separate JVMs through {@code bin/cluster} (the one recipe, STACK.md "A standalone
 * cluster from the build's own jars"), submits applications to it and stops everything it started. Integration
 * tests of jobs that must run on a cluster (not {@code local[*]}) reuse it.
 */
package io.sparkact.jobs.cluster;
