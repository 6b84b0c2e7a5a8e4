/** {@code sparkact generate}: synthetic CTR data with a known click probability and its oracle metrics. */
package io.sparkact.jobs.generate;
