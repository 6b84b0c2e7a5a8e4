/**
 * {@code sparkact sweep}: hyperparameter sweeps over activations, resumable, with per-trial files.
 *
 * <h2>Search space</h2>
 * The sweep config holds every train key (the base of each trial) and {@code sweep.*}:
 * {@code sweep.activations} (specs; a parameter may be a grid {@code lrelu6(alpha=0.01|0.05)} or a random
 * range {@code lrelu6(alpha=log_uniform:0.005:0.1)}), {@code sweep.learning_rate}, {@code sweep.l2},
 * {@code sweep.dropout}, {@code sweep.batch_size}, {@code sweep.embedding_dim} (each a grid list
 * {@code [a, b]} or a range {@code [uniform|log_uniform|int, lo, hi]}; {@code []} keeps the base value) and
 * {@code sweep.seeds}. {@code sweep.strategy = grid} runs the full product (ranges are refused);
 * {@code random} draws {@code sweep.trials} configurations with {@code sweep.random_seed}. Every configuration
 * runs once per seed. {@code halving} is successive halving ({@link io.sparkact.jobs.sweep.HalvingRun}):
 * rungs of {@code sweep.halving.min_epochs} × eta^k epochs up to {@code max_epochs}; the best 1/eta by mean
 * AUC over seeds continue, resuming from their checkpoints in {@code OUTPUT/checkpoints/TRIAL_ID.zip}
 * (trial-parallel only). {@link io.sparkact.jobs.sweep.SweepPlan} builds the trials before Spark starts.
 *
 * <h2>Execution</h2>
 * {@code trial-parallel}: the driver encodes the training and validation rows once, writes them as two
 * ND4J files under {@code OUTPUT/_sample/}, and runs each trial as a one-task Spark job that reads them and
 * trains single-process ({@code io.sparkact.train.LocalTrainer}, ND4J limited to one thread per task);
 * a pool of driver threads keeps as many jobs in flight as there are executor cores
 * ({@code sweep.parallelism}), and each trial's file is written the moment its job returns (why not waves:
 * see {@link io.sparkact.jobs.sweep.TrialParallel}). {@code data-parallel}: trials one after another, each
 * trained by the train job's {@code SparkTrainer}. (Executors read the sample from OUTPUT: on a cluster
 * of several hosts OUTPUT must be on a filesystem they share — HDFS, S3 — as for any distributed output.) {@code auto} picks trial-parallel when the training rows
 * are at most {@code sweep.max_trial_rows}.
 *
 * <h2>Resume</h2>
 * A trial's id is the first 16 hex digits of the SHA-256 of its train config rendered as HOCON without
 * {@code output}. Rerunning the same command finds {@code OUTPUT/trials/ID.json} and skips that trial; a
 * failed trial is skipped too unless {@code sweep.retry_failed = true}. Trial files are written atomically,
 * so a killed sweep loses only the trials that were running.
 *
 * <h2>Trial file {@code OUTPUT/trials/TRIAL_ID.json} (format_version 1)</h2>
 * <pre>
 * format_version  1
 * trial_id        "3f2a9c1e0b7d4a55"
 * status          "ok" | "failed"
 * execution       "trial-parallel" | "data-parallel"
 * activation      the canonical activation spec, e.g. "lrelu6(alpha=0.02,cap=6,alpha_high=0)"
 * params          the swept values, train key → value (always model.activation and training.seed)
 * config          the trial's complete train config, key → value (output = OUTPUT/best)
 * metrics         null when failed, else {auc, logloss, calibration, examples_per_sec, train_seconds,
 *                 train_examples, best_epoch, epochs: [{epoch, train_loss, val_auc, val_logloss, seconds}]}
 *                 with the definitions of the train job's metrics.json (AUC, logloss on input.valid)
 * health          [] when failed, else metrics.json's health records: one per hidden layer and epoch
 *                 {epoch, layer, activation, dead_fraction, saturated_fraction, mean, std, active_fraction,
 *                 max_abs, grad_norm}
 * health_summary  null when failed, else {epoch (= best_epoch), layers, dead_fraction, saturated_fraction}:
 *                 means over the hidden layers at that epoch
 * error           null, or the failure in one line (exception class and message)
 * seconds         wall time of the trial as the driver saw it (scheduling included)
 * finished        ISO-8601 instant the file was written
 * </pre>
 * Undefined numbers (AUC with one class, …) are null. {@code trials.csv}, {@code summary.csv} and
 * {@code best.conf} are derived from these files ({@link io.sparkact.jobs.sweep.SweepResults} documents
 * their columns) and rewritten at the end of every run, and so is {@code report.html}
 * ({@code io.sparkact.jobs.report.Report} over OUTPUT: failed trials skipped, per activation the trials of its
 * best setting pooled). The report reads format_version 1; a change of this format must change its reader,
 * {@code io.sparkact.jobs.report.TrialJson}, too.
 */
package io.sparkact.jobs.sweep;
