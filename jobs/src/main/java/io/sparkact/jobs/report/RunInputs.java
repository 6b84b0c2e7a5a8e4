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

/**
 * Resolves {@code report.inputs} (paths or globs on any Hadoop FileSystem) to runs. Each match is one of:
 * <ul>
 *   <li>a train output directory: its {@code metrics.json}, only if {@code _SUCCESS} exists (a directory without it
 *       is not a result);</li>
 *   <li>a sweep output directory: every {@code trials/*.json}, each one run;</li>
 *   <li>a JSON file: read as a metrics.json (e.g. one trial).</li>
 * </ul>
 * A path that matches nothing or is none of these is a usage error (exit 2) naming the input; a file that cannot
 * be read or parsed is an {@link IOException} naming the file (exit 1). Globs are expanded in sorted order so the
 * report does not depend on the file system's listing order.
 */
final class RunInputs {

    private RunInputs() {
    }

    static List<RunSummary> read(List<String> inputs, Configuration conf) throws IOException {
        if (inputs.isEmpty()) {
            throw new UsageException("config key report.inputs given invalid value []; allowed: a non-empty list of "
                    + "train or sweep output paths or globs");
        }
        List<RunSummary> runs = new ArrayList<>();
        for (String input : inputs) {
            Path pattern = new Path(input);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches == null || matches.length == 0) {
                throw new UsageException("config key report.inputs given invalid value '" + input
                        + "': no such file or directory");
            }
            Arrays.sort(matches);
            for (FileStatus m : matches) {
                for (Path file : metricsFiles(fs, input, m)) {
                    runs.add(MetricsJson.parse(file.toString(), readAll(fs, file)));
                }
            }
        }
        return List.copyOf(runs);
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
