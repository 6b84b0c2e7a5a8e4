package io.sparkact.jobs.sweep;

import io.sparkact.catalog.ActivationCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An item of {@code sweep.activations}: an activation spec whose parameter values may be swept. A value is
 * either fixed ({@code alpha=0.02}), a grid of alternatives separated by {@code |} ({@code alpha=0.01|0.05}),
 * or a random range {@code kind:lo:hi} ({@code alpha=log_uniform:0.005:0.1}; kinds as in {@link SearchRange}).
 * So {@code lrelu6(alpha=0.01|0.05)} stands for two activations in a grid. Every concrete spec it can give
 * is checked by the catalogue up front (both ends of a range), so a bad parameter fails before Spark starts.
 */
final class ActivationTemplate {

    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_]+)\\s*(?:\\((.*)\\))?\\s*");
    private static final ActivationCatalog CATALOG = ActivationCatalog.standard();

    private final String text;
    private final String name;
    /** Parameter name → its grid alternatives (one for a fixed value); absent for a ranged parameter. */
    private final Map<String, List<String>> grid = new LinkedHashMap<>();
    private final Map<String, SearchRange> ranges = new LinkedHashMap<>();

    private ActivationTemplate(String text, String name) {
        this.text = text;
        this.name = name;
    }

    /** Parses and checks one item; errors name {@code sweep.activations}, the item and what is allowed. */
    static ActivationTemplate parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw SweepErrors.invalid(SweepKeys.ACTIVATIONS, text, "activation specs such as \"relu\" or "
                    + "\"lrelu6(alpha=0.01|0.05)\" or \"lrelu6(alpha=log_uniform:0.005:0.1)\"");
        }
        ActivationTemplate t = new ActivationTemplate(text.trim(), m.group(1));
        if (m.group(2) != null && !m.group(2).isBlank()) {
            for (String kv : m.group(2).split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw SweepErrors.invalid(SweepKeys.ACTIVATIONS, text, "parameters written key=value");
                }
                t.addParam(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        t.checkWithCatalog();
        return t;
    }

    private void addParam(String key, String value) {
        String[] parts = value.split(":");
        SearchRange.Kind kind = parts.length == 3 ? SearchRange.Kind.named(parts[0]) : null;
        if (kind == null) {
            grid.put(key, List.of(value.split("\\|", -1)));
            return;
        }
        try {
            ranges.put(key, SearchRange.of(kind, Double.parseDouble(parts[1]), Double.parseDouble(parts[2])));
        } catch (IllegalArgumentException e) {
            throw SweepErrors.invalid(SweepKeys.ACTIVATIONS, text, "a parameter range kind:lo:hi with kind "
                    + SearchRange.SYNTAX);
        }
    }

    /** Every grid spec, and each range at both ends, must be a valid spec. */
    private void checkWithCatalog() {
        List<Map<String, String>> checks = new ArrayList<>(gridCombinations());
        for (Map<String, String> c : List.copyOf(checks)) {
            Map<String, String> low = new LinkedHashMap<>(c);
            Map<String, String> high = new LinkedHashMap<>(c);
            ranges.forEach((k, r) -> {
                low.put(k, SearchRange.text(r.lo()));
                high.put(k, SearchRange.text(r.hi()));
            });
            checks.add(low);
            checks.add(high);
        }
        for (Map<String, String> c : checks) {
            try {
                CATALOG.parse(spec(c));
            } catch (IllegalArgumentException e) {
                throw SweepErrors.invalid(SweepKeys.ACTIVATIONS, text, "activation specs whose every value is "
                        + "valid; " + spec(c) + ": " + e.getMessage());
            }
        }
    }

    /** True when the template has a random range, which only random search can use. */
    boolean hasRange() {
        return !ranges.isEmpty();
    }

    String text() {
        return text;
    }

    /** The canonical specs of the grid (the product of the alternatives), in order. */
    List<String> gridSpecs() {
        return gridCombinations().stream().map(c -> canonical(spec(c))).toList();
    }

    /** One spec for a random trial: each grid parameter's alternative chosen uniformly, each range drawn. */
    String sample(Random r) {
        Map<String, String> c = new LinkedHashMap<>();
        grid.forEach((k, alts) -> c.put(k, alts.get(r.nextInt(alts.size()))));
        ranges.forEach((k, range) -> c.put(k, SearchRange.text(((Number) range.sample(r)).doubleValue())));
        return canonical(spec(c));
    }

    private List<Map<String, String>> gridCombinations() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> c = new LinkedHashMap<>(partial);
                    c.put(e.getKey(), v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    private String spec(Map<String, String> params) {
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        params.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ",").append(k).append('=').append(v));
        return sb.append(')').toString();
    }

    /** The catalogue's canonical form (every parameter), so equal activations get equal trial ids. */
    private static String canonical(String spec) {
        return CATALOG.parse(spec).toString();
    }
}
