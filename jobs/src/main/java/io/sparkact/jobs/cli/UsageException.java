package io.sparkact.jobs.cli;

/** Bad usage or configuration: exit code 2. The message names the option or field, the value and what is allowed. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
