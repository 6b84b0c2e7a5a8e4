package io.sparkact.data;

/**
 * Thrown inside parsing to abandon one row; caught per row and turned into a quarantine record. Carries no
 * stack trace: bad rows are data, not programming errors, and may be numerous.
 */
final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    final BadReason reason;

    Rejection(BadReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
