/**
 * {@code sparkact report}: train (and sweep) outputs → one self-contained {@code report.html}.
 *
 * <p>Stages, one class each: {@link io.sparkact.jobs.report.RunInputs} resolves paths and globs to metrics files,
 * {@link io.sparkact.jobs.report.MetricsJson} reads one into an immutable {@link io.sparkact.jobs.report.RunSummary},
 * {@link io.sparkact.jobs.report.ActivationGroup} pools the runs of one activation (mean, standard deviation),
 * {@link io.sparkact.jobs.report.BarChart} and {@link io.sparkact.jobs.report.LineChart} draw SVG,
 * {@link io.sparkact.jobs.report.ReportPage} assembles the page and {@link io.sparkact.jobs.report.Report} writes it.
 *
 * <p>The page has no scripts and loads nothing: CSS and SVG are inline and a Content-Security-Policy forbids every
 * fetch. The same inputs give the same bytes (no timestamps, inputs sorted, numbers formatted with Locale.ROOT).
 *
 * <p>Sweep input (the sweep job does not exist yet): a directory with {@code trials/*.json} where each trial file
 * has the keys of a train output's {@code metrics.json}; every trial is one run of its activation, so several
 * seeds of one activation give error bars.
 */
package io.sparkact.jobs.report;
