package io.sparkact.catalog;

/** A spec that does not parse or names something the catalogue does not have: a usage error. */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
