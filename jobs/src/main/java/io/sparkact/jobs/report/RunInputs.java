package io.sparkact.jobs.report;

import io.sparkact.jobs.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Resolves {@code report.inputs} (paths or globs on any Hadoop FileSystem) to runs. Each match is one of:
 * <ul>
 *   <li>a train output directory: its {@code metrics.json}, only if {@code _SUCCESS} exists (a directory without it
 *       is not a result);</li>
 *   <li>a sweep output directory: its {@code trials/*.json} (the sweep's trial format, {@link TrialJson}), failed
 *       trials skipped and, per activation, only the trials of its best setting pooled ({@link SweepSelection});</li>
 *   <li>a JSON file: a metrics.json, or a sweep trial file (the trial files one input matches are selected
 *       together, as in a sweep directory).</li>
 * </ul>
 * A path that matches nothing or is none of these is a usage error (exit 2) naming the input; a file that cannot
 * be read or parsed is an {@link IOException} naming the file (exit 1). Globs are expanded in sorted order so the
 * report does not depend on the file system's listing order.
 */
final class RunInputs {

    private RunInputs() {
    }

    /** The runs to draw, and notes for the page on what was skipped or left out. */
    record Read(List<RunSummary> runs, List<String> notes) {
    }

    static Read read(List<String> inputs, Configuration conf) throws IOException {
        if (inputs.isEmpty()) {
            throw new UsageException("config key report.inputs given invalid value []; allowed: a non-empty list of "
                    + "train or sweep output paths or globs");
        }
        List<RunSummary> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String input : inputs) {
            Path pattern = new Path(input);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches == null || matches.length == 0) {
                throw new UsageException("config key report.inputs given invalid value '" + input
                        + "': no such file or directory");
            }
            Arrays.sort(matches);
            // trial files matched one by one (e.g. sweep/trials/*.json) are selected together, like a sweep dir
            List<TrialJson.Trial> looseTrials = new ArrayList<>();
            for (FileStatus m : matches) {
                List<Path> files = metricsFiles(fs, input, m);
                if (m.isDirectory() && !files.get(0).getName().equals("metrics.json")) {
                    List<TrialJson.Trial> trials = new ArrayList<>();
                    for (Path file : files) {
                        trials.add(TrialJson.parse(file.toString(), MetricsJson.object(file.toString(),
                                readAll(fs, file), "a sweep trial file")));
                    }
                    add(SweepSelection.select(m.getPath().toString(), trials), runs, notes);
                } else {
                    String source = files.get(0).toString();
                    JsonNode root = MetricsJson.object(source, readAll(fs, files.get(0)), "a metrics.json");
                    if (TrialJson.isTrial(root)) {
                        looseTrials.add(TrialJson.parse(source, root));
                    } else {
                        runs.add(MetricsJson.parse(source, root));
                    }
                }
            }
            if (!looseTrials.isEmpty()) {
                add(SweepSelection.select(input, looseTrials), runs, notes);
            }
        }
        return new Read(List.copyOf(runs), List.copyOf(notes));
    }

    private static void add(SweepSelection.Selected sel, List<RunSummary> runs, List<String> notes) {
        runs.addAll(sel.runs());
        notes.addAll(sel.notes());
    }

    private static List<Path> metricsFiles(FileSystem fs, String input, FileStatus m) throws IOException {
        Path p = m.getPath();
        if (m.isFile()) {
            return List.of(p);
        }
        Path metrics = new Path(p, "metrics.json");
        if (fs.exists(metrics)) {
            if (!fs.exists(new Path(p, "_SUCCESS"))) {
                throw new UsageException("config key report.inputs given invalid value '" + input + "': " + p
                        + " is not a finished train output (no _SUCCESS); rerun train or leave it out");
            }
            return List.of(metrics);
        }
        Path trials = new Path(p, "trials");
        if (fs.isDirectory(trials)) {
            FileStatus[] files = fs.globStatus(new Path(trials, "*.json"));
            if (files == null || files.length == 0) {
                throw new UsageException("config key report.inputs given invalid value '" + input + "': " + trials
                        + " holds no finished trials (*.json)");
            }
            Arrays.sort(files);
            List<Path> l = new ArrayList<>();
            for (FileStatus f : files) {
                l.add(f.getPath());
            }
            return l;
        }
        throw new UsageException("config key report.inputs given invalid value '" + input + "': " + p
                + " is neither a train output (no metrics.json) nor a sweep output (no trials/)");
    }

    private static byte[] readAll(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
