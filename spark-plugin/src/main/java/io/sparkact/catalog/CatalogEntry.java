package io.sparkact.catalog;

import io.sparkact.params.Param;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One activation of the catalogue: its name, parameters, kind, description and how to build it. */
public final class CatalogEntry {

    private final String name;
    private final Kind kind;
    private final List<Param> params;
    private final String description;
    private final Function<ActivationSpec, Realisation> factory;

    CatalogEntry(String name, Kind kind, List<Param> params, String description,
                 Function<ActivationSpec, Realisation> factory) {
        this.name = name;
        this.kind = kind;
        this.params = List.copyOf(params);
        this.description = description;
        this.factory = factory;
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public List<Param> params() { return params; }
    public String description() { return description; }

    Realisation realise(ActivationSpec spec) {
        return factory.apply(spec);
    }

    /** The parameter called {@code key}, or null. */
    public Param param(String key) {
        for (Param p : params) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        return null;
    }

    /** "alpha (0 <= alpha <= 1), cap (cap > 0 (finite))", or "none". */
    public String describeParams() {
        if (params.isEmpty()) {
            return "none";
        }
        return params.stream().map(p -> p.name() + " (" + p.describeRange() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The spec with every default written out, e.g. "lrelu6(alpha=0.01,cap=6,alpha_high=0)". */
    public String defaultSpec() {
        if (params.isEmpty()) {
            return name;
        }
        return name + params.stream().map(Param::withDefault).collect(Collectors.joining(",", "(", ")"));
    }
}
