package io.sparkact.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A source's rows split into good rows (canonical schema) and quarantine records, with exact counts taken
 * by one action over a persisted intermediate, which {@link #release} frees.
 */
final class SplitInput {
    final Dataset<Row> good;
    final Dataset<Row> bad;
    final long goodCount;
    final long badCount;
    final Runnable release;

    SplitInput(Dataset<Row> good, Dataset<Row> bad, long goodCount, long badCount, Runnable release) {
        this.good = good;
        this.bad = bad;
        this.goodCount = goodCount;
        this.badCount = badCount;
        this.release = release;
    }
}
