package io.sparkact.data;

/**
 * Why rows are read, which decides what the label column means to the readers.
 *
 * <ul>
 *   <li>{@link #TRAIN} (train, retrain): the label is required, 0 or 1; a row whose label is missing or anything
 *       else is quarantined. The readers' rows start with the label.</li>
 *   <li>{@link #SCORE} (score): production rows have no label. The label column may be absent from the files
 *       (and {@code input.schema.label} may be empty); where present it is ignored, not validated. The readers'
 *       rows have no label column. Headerless text (Criteo TSV, CSV with {@code header = false}) may hold lines
 *       with every schema column (label first, ignored) or every column but the label, e.g. Criteo's 40-field
 *       training and 39-field test files; the field count tells them apart, line by line.</li>
 * </ul>
 */
public enum ReadPurpose {
    TRAIN,
    SCORE
}
