package io.sparkact.data;

import java.util.Locale;

/**
 * Why a row was quarantined. The quarantine's {@code reason} column holds {@link #code()}; its
 * {@code detail} column names the field, the value and what is allowed.
 */
public enum BadReason {
    /** The line has more or fewer fields than the header (or the schema, without a header). */
    FIELD_COUNT,
    /** A numeric (or Criteo integer) field is not a number. */
    NOT_NUMERIC,
    /** A numeric field is NaN or ±Infinity (as text, or as a Parquet value). */
    NOT_FINITE,
    /** A numeric field is too large: beyond the double range (CSV) or the 64-bit integer range (Criteo). */
    OVERFLOW,
    /** The label is empty or null. */
    MISSING_LABEL,
    /** The label is not 0 or 1. */
    BAD_LABEL,
    /** The line cannot be split into fields (unterminated or misplaced quote, empty line). */
    UNPARSEABLE,
    /** The line is not valid UTF-8. */
    INVALID_UTF8;

    /** The quarantine spelling, e.g. {@code not_numeric}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
