package io.sparkact.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every benchmark section gets: quick (smoke) or full sizes, a scratch directory it may fill, and where
 * progress lines go.
 *
 * @param quick    smoke-run sizes: seconds instead of minutes, numbers meaningless
 * @param scale    factor on the full run's data sizes (1 = the documented sizes; less for a busy machine)
 * @param work     scratch directory (generated data, models, sweep outputs); deleted by nobody but the user
 * @param progress progress lines, one per step
 */
public record BenchSettings(boolean quick, double scale, Path work, PrintStream progress) {

    /** Rows to generate: {@code quickRows} in a smoke run, else {@code fullRows} times the scale (at least 1,000). */
    public long rows(long fullRows, long quickRows) {
        return quick ? quickRows : Math.max(1_000, Math.round(fullRows * scale));
    }

    /** Prints one progress line, prefixed with "bench: ". */
    public void say(String format, Object... args) {
        progress.println("bench: " + String.format(java.util.Locale.ROOT, format, args));
        progress.flush();
    }
}
