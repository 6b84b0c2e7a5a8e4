package io.sparkact.jobs.report;

import io.sparkact.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Reads train/sweep outputs and writes report.html: the API the report and quickstart jobs share. */
public final class Report {

    /** The file name used when the output is a directory. */
    public static final String FILE_NAME = "report.html";

    private Report() {
    }

    /**
     * Writes the report atomically and returns the file written.
     *
     * @param inputs train output directories, sweep output directories or metrics JSON files; globs allowed
     * @param output a file ending in {@code .html}, or a directory that receives {@code report.html}
     * @return the number of runs read and the path written
     * @throws io.sparkact.jobs.cli.UsageException when an input matches nothing or is not a train/sweep output
     * @throws IOException when a metrics file cannot be read or parsed (the message names it)
     */
    public static Written write(List<String> inputs, String output, String title) throws IOException {
        RunInputs.Read read = RunInputs.read(inputs, new Configuration());
        String target = target(output);
        AtomicFiles.writeAtomically(target,
                ReportPage.html(title, read.runs(), read.notes()).getBytes(StandardCharsets.UTF_8));
        return new Written(target, read.runs().size());
    }

    /** {@code output} itself when it ends in .html, else {@code output/report.html}. */
    static String target(String output) {
        if (output.toLowerCase(java.util.Locale.ROOT).endsWith(".html")) {
            return output;
        }
        return (output.endsWith("/") ? output : output + "/") + FILE_NAME;
    }

    /** What {@link #write} produced. */
    public record Written(String path, int runs) {
    }
}
