package io.sparkact.data;

/**
 * A usage-type input error: an invalid input or feature setting, a missing path, a glob or directory
 * without data files, empty input, or a Parquet column that is missing or has an unusable type. The
 * message names the config key, path or column; the CLI maps it to exit code 2.
 */
public class InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
