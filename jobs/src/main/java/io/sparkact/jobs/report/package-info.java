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
 * <p>Sweep input: a directory with {@code trials/*.json} in the sweep's trial format (format_version 1, see
 * {@code io.sparkact.jobs.sweep}), read by {@link io.sparkact.jobs.report.TrialJson}. Failed trials are skipped and
 * named in a note; {@link io.sparkact.jobs.report.SweepSelection} keeps, per activation, only the trials of its best
 * setting (highest mean validation AUC over seeds, as the sweep's summary.csv), so an activation's error bars are
 * over seeds, not over learning rates; the page says how many trials were left out. The sweep job writes its own
 * {@code OUTPUT/report.html} this way.
 */
package io.sparkact.jobs.report;
