package io.sparkact.jobs.activations;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.CatalogEntry;
import io.sparkact.params.Param;

/** The text of {@code sparkact activations list}. */
final class CatalogListing {

    private CatalogListing() {
    }

    /**
     * One block per activation: "name  kind  description", then one line per parameter with its default,
     * allowed range and meaning.
     */
    static String format(ActivationCatalog catalog) {
        StringBuilder sb = new StringBuilder();
        for (CatalogEntry e : catalog.entries()) {
            sb.append(String.format("%-11s %-10s %s%n", e.name(), e.kind().label(), e.description()));
            for (Param p : e.params()) {
                sb.append(String.format("    %-11s default %-20s %-26s %s%n", p.name(),
                        p.withDefault().substring(p.name().length() + 1), p.describeRange(), p.description()));
            }
        }
        sb.append("\nSpec: name or name(key=value,...), e.g. lrelu6(alpha=0.02). Kinds: pure = fixed function;")
          .append(" trainable = learned parameters; stateful = learned parameters and running statistics.\n");
        return sb.toString();
    }
}
