package io.sparkact.jobs.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line arguments of one job: positional words and {@code --option value} / {@code --option=value}
 * pairs. An option's value is always the next word, even when it starts with '-' (so {@code --x -3,0,3}
 * and {@code --from -8} work). Options may repeat ({@code --set a=1 --set b=2}); single-valued lookups
 * take the last occurrence. {@code --help} is a flag.
 */
public final class Args {

    private final List<String> positional;
    private final Map<String, List<String>> options;
    private final boolean help;

    private Args(List<String> positional, Map<String, List<String>> options, boolean help) {
        this.positional = positional;
        this.options = options;
        this.help = help;
    }

    /** Parses {@code words}; every option must be one of {@code allowed} (without the leading "--"). */
    public static Args parse(List<String> words, Set<String> allowed) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--help") || w.equals("-h")) {
                help = true;
                continue;
            }
            if (!w.startsWith("--") || w.length() == 2) {
                positional.add(w);
                continue;
            }
            String name = w.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + "; valid options: "
                        + String.join(", ", new TreeSet<>(allowed).stream().map(o -> "--" + o).toList()));
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Args(positional, options, help);
    }

    public boolean help() { return help; }

    public List<String> positional() { return Collections.unmodifiableList(positional); }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** Last value of the option, or {@code fallback} when absent. */
    public String get(String option, String fallback) {
        List<String> v = options.get(option);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    /** All values of a repeatable option, in order. */
    public List<String> all(String option) {
        return options.getOrDefault(option, List.of());
    }

    /** The option as a finite double, or {@code fallback}; a bad value is a usage error naming it. */
    public double getDouble(String option, double fallback) {
        String v = get(option, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --" + option + " given invalid value '" + v + "'; allowed: a finite number");
    }

    /** The option as a long in [min, max], or {@code fallback}; a bad value is a usage error naming it. */
    public long getLong(String option, long fallback, long min, long max) {
        String v = get(option, null);
        if (v == null) {
            return fallback;
        }
        try {
            long l = Long.parseLong(v.trim());
            if (l >= min && l <= max) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --" + option + " given invalid value '" + v
                + "'; allowed: an integer from " + min + " to " + max);
    }

    /**
     * The {@code --set key=value} pairs as a map (later ones win). A pair without '=' or with an empty key
     * is a usage error.
     */
    public Map<String, String> sets() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : all("set")) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("option --set given invalid value '" + s + "'; allowed: key=value");
            }
            out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return out;
    }
}
