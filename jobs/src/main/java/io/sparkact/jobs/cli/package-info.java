/**
 * The single entry point of the application jar: {@code sparkact JOB [options]}. Parses the job name,
 * dispatches to the job, and maps failures to the exit-code contract: 0 success, 2 bad usage or
 * configuration (the message names the option or field, the value and what is allowed), 1 runtime failure.
 */
package io.sparkact.jobs.cli;
