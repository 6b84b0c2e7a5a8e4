package io.sparkact.catalog;

import io.sparkact.params.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code name} or {@code name(key=value,...)} against a catalogue. */
final class SpecParser {

    private static final Pattern SPEC =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String FORM = "expected name or name(key=value,...), e.g. lrelu6(alpha=0.02)";

    private SpecParser() {
    }

    static ActivationSpec parse(ActivationCatalog catalog, String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("activation spec is empty; " + FORM);
        }
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new SpecException("malformed activation spec '" + text + "'; " + FORM);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        CatalogEntry entry = catalog.entry(name);
        if (entry == null) {
            throw new SpecException("unknown activation '" + m.group(1) + "' in spec '" + text.trim()
                    + "'; valid names: " + String.join(", ", catalog.names()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : entry.params()) {
            values.put(p.name(), p.defaultValue());
        }
        List<String> given = new ArrayList<>();
        String args = m.group(2);
        if (args != null && !args.isBlank()) {
            for (String token : args.split(",", -1)) {
                String key = readKey(text, token);
                Param p = entry.param(key);
                if (p == null) {
                    throw new SpecException(entry.name() + " has no parameter '" + key + "' (spec '" + text.trim()
                            + "'); " + (entry.params().isEmpty() ? entry.name() + " takes no parameters"
                            : "valid parameters: " + entry.describeParams()));
                }
                if (given.contains(key)) {
                    throw new SpecException("parameter '" + key + "' is given twice in spec '" + text.trim() + "'");
                }
                given.add(key);
                values.put(key, p.parse(entry.name(), token.substring(token.indexOf('=') + 1)));
            }
        }
        return new ActivationSpec(entry, values);
    }

    private static String readKey(String text, String token) {
        int eq = token.indexOf('=');
        String key = eq < 0 ? token.trim() : token.substring(0, eq).trim();
        if (eq < 0 || !KEY.matcher(key).matches() || token.substring(eq + 1).isBlank()) {
            throw new SpecException("malformed parameter '" + token.trim() + "' in activation spec '" + text.trim()
                    + "'; expected key=value, e.g. lrelu6(alpha=0.02)");
        }
        return key.toLowerCase(Locale.ROOT);
    }

    /**
     * Splits a comma-separated list of specs at the commas outside parentheses:
     * "relu,lrelu6(alpha=0.02,cap=6)" gives ["relu", "lrelu6(alpha=0.02,cap=6)"].
     */
    static List<String> splitList(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                out.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(list.substring(start).trim());
        return out;
    }
}
