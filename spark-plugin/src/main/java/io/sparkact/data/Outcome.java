package io.sparkact.data;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/** The result of parsing one input line: a good row in the canonical schema, or a quarantine record. */
final class Outcome implements Serializable {
    private static final long serialVersionUID = 1L;

    final Row good;
    final Row bad;

    private Outcome(Row good, Row bad) {
        this.good = good;
        this.bad = bad;
    }

    static Outcome good(Row row) {
        return new Outcome(row, null);
    }

    static Outcome bad(Row quarantineRecord) {
        return new Outcome(null, quarantineRecord);
    }

    boolean isGood() {
        return good != null;
    }
}
