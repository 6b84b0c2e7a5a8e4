package io.sparkact.data;

/**
 * A runtime input failure: more rows were quarantined than {@code input.max_bad_fraction} allows. Thrown
 * after the quarantine has been written, so the message can say where to look; the CLI maps it to exit 1.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long quarantined;
    private final long read;
    private final String quarantineDir;

    public BadInputException(long quarantined, long read, double limit, String quarantineDir) {
        super(String.format(java.util.Locale.ROOT,
                "%d of %d input rows are bad (fraction %.6g > input.max_bad_fraction %.6g); "
                        + "the bad rows and their reasons are in %s",
                quarantined, read, read == 0 ? 0.0 : (double) quarantined / read, limit, quarantineDir));
        this.quarantined = quarantined;
        this.read = read;
        this.quarantineDir = quarantineDir;
    }

    public long quarantined() { return quarantined; }
    public long read() { return read; }
    public String quarantineDir() { return quarantineDir; }
}
