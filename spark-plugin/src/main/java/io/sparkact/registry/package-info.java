/**
 * A model registry on any Hadoop FileSystem (ARCHITECTURE.md, "retrain"): numbered, immutable versions, a
 * champion alias, a decision per version, retention and rollback, plus the promotion gate.
 *
 * <p>Layout under {@code ROOT/NAME/}: {@code versions/N/{model.zip, manifest.json, metrics.json, _SUCCESS}},
 * {@code aliases/champion} (a version number), {@code decisions/N.json}; and, invisible to readers of the
 * contract, {@code claims/N} (one empty file per version number ever taken), {@code _staging/} (versions
 * being written) and {@code _trash/} (versions being deleted). {@link io.sparkact.registry.AtomicOps} says
 * which file system operation makes each step atomic on HDFS and on the local file system.
 */
package io.sparkact.registry;
