/**
 * Job configuration: HOCON files plus {@code --set key=value} overrides, validated in one place against a
 * {@link io.sparkact.jobs.config.ConfigSchema} that declares every key with its type, default, allowed values
 * and meaning. A wrong type, a value out of range or an unknown key (with a did-you-mean) is a
 * {@link io.sparkact.jobs.cli.UsageException} naming the key, the value, where it came from and what is allowed.
 */
package io.sparkact.jobs.config;
