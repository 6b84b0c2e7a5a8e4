package io.sparkact.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every benchmark section gets: quick (smoke) or full sizes, a scratch directory it may fill, and where
 * progress lines go.
 *
 * @param quick    smoke-run sizes: seconds instead of minutes, numbers meaningless
 * @param work     scratch directory (generated data, models, sweep outputs); deleted by nobody but the user
 * @param progress progress lines, one per step
 */
public record BenchSettings(boolean quick, Path work, PrintStream progress) {

    /** Prints one progress line, prefixed with "bench: ". */
    public void say(String format, Object... args) {
        progress.println("bench: " + String.format(java.util.Locale.ROOT, format, args));
        progress.flush();
    }
}
