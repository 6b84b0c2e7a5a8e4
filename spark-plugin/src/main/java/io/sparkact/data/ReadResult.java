package io.sparkact.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link InputReader#read} produced: the good rows in the canonical schema (label double 0/1 when
 * training, no label column when scoring, numeric doubles with null = missing, categorical and sequence strings with null = missing, id columns as in the
 * input, in the order [label,] numeric, categorical, sequence, id), exact row counts, and where the
 * quarantine was written.
 *
 * <p>The good rows are backed by a persisted intermediate (so that counting, quarantining and later passes
 * do not re-read the input); call {@link #release()} when done with them.
 */
public final class ReadResult {
    private final Dataset<Row> good;
    private final long read;
    private final long used;
    private final long quarantined;
    private final String quarantineDir;
    private final Runnable release;

    ReadResult(Dataset<Row> good, long read, long used, long quarantined, String quarantineDir, Runnable release) {
        this.good = good;
        this.read = read;
        this.used = used;
        this.quarantined = quarantined;
        this.quarantineDir = quarantineDir;
        this.release = release;
    }

    /** Good rows, canonical schema. */
    public Dataset<Row> good() { return good; }

    /** Data rows read (header lines not counted) = used + quarantined. */
    public long read() { return read; }

    /** Good rows, all kept. */
    public long used() { return used; }

    /** Rows written to the quarantine. */
    public long quarantined() { return quarantined; }

    /** Directory holding the quarantine (JSON lines, see {@link Quarantine}). */
    public String quarantineDir() { return quarantineDir; }

    /** Frees the persisted intermediate behind {@link #good()}. */
    public void release() {
        release.run();
    }

    @Override
    public String toString() {
        return "ReadResult{read=" + read + ", used=" + used + ", quarantined=" + quarantined
                + ", quarantineDir=" + quarantineDir + "}";
    }
}
