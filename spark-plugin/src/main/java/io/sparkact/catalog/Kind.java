package io.sparkact.catalog;

/** What an activation carries besides its fixed parameters. */
public enum Kind {
    /** A fixed function of its input (rrelu draws random slopes in training, but learns nothing). */
    PURE,
    /** Has parameters learned by gradient descent (PReLU slopes, Swish β, Maxout pieces). */
    TRAINABLE,
    /** Has learned parameters and state updated outside the gradient (Dice running statistics). */
    STATEFUL;

    /** Lower-case name as printed by {@code activations list}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
