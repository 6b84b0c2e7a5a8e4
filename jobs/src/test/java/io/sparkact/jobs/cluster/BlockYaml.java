package io.sparkact.jobs.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for the block-style YAML subset that {@code docker/compose.yaml} is written in (no YAML library is on
 * the test classpath: neither Spark nor DL4J brings snakeyaml). Supported: mappings {@code key: value} and
 * {@code key:} + an indented block, sequences of scalars {@code - value}, plain/'single'/"double" quoted scalars,
 * full-line and trailing {@code #} comments. Anything else (flow style, anchors, block scalars, tabs) is refused
 * with its line number, so the compose file cannot silently mean something this reader did not see.
 * Result: nested {@code Map<String, Object>} (insertion order), {@code List<Object>} and {@code String}.
 */
final class BlockYaml {

    private record Line(int number, int indent, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private int pos;

    private BlockYaml(List<String> raw) {
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i);
            if (s.indexOf('\t') >= 0) {
                throw error(i + 1, "a tab character (YAML indents with spaces)");
            }
            String t = stripComment(s).stripTrailing();
            if (!t.isBlank()) {
                int indent = t.length() - t.stripLeading().length();
                lines.add(new Line(i + 1, indent, t.strip()));
            }
        }
    }

    /** Parses the document; the top level must be a mapping. */
    static Map<String, Object> parse(List<String> raw) {
        BlockYaml y = new BlockYaml(raw);
        if (y.lines.isEmpty()) {
            return Map.of();
        }
        Object top = y.block(y.lines.get(0).indent());
        if (y.pos < y.lines.size()) {
            throw error(y.lines.get(y.pos).number(), "unexpected indentation");
        }
        if (!(top instanceof Map)) {
            throw error(y.lines.get(0).number(), "the document is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) top;
        return map;
    }

    private Object block(int indent) {
        return lines.get(pos).text().startsWith("- ") || lines.get(pos).text().equals("-") ? list(indent) : map(indent);
    }

    private List<Object> list(int indent) {
        List<Object> out = new ArrayList<>();
        while (pos < lines.size() && lines.get(pos).indent() == indent && lines.get(pos).text().startsWith("- ")) {
            Line l = lines.get(pos++);
            out.add(scalar(l, l.text().substring(2).strip()));
        }
        return out;
    }

    private Map<String, Object> map(int indent) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (pos < lines.size() && lines.get(pos).indent() == indent) {
            Line l = lines.get(pos++);
            int colon = l.text().indexOf(':');
            if (colon <= 0 || (colon + 1 < l.text().length() && l.text().charAt(colon + 1) != ' ')) {
                throw error(l.number(), "expected 'key: value' or 'key:', got '" + l.text() + "'");
            }
            String key = l.text().substring(0, colon).strip();
            String rest = l.text().substring(colon + 1).strip();
            if (out.containsKey(key)) {
                throw error(l.number(), "duplicate key '" + key + "'");
            }
            if (!rest.isEmpty()) {
                out.put(key, scalar(l, rest));
            } else if (pos < lines.size() && lines.get(pos).indent() > indent) {
                out.put(key, block(lines.get(pos).indent()));
            } else if (pos < lines.size() && lines.get(pos).indent() == indent && lines.get(pos).text().startsWith("- ")) {
                out.put(key, list(indent));  // a sequence may sit at its key's indentation
            } else {
                out.put(key, "");
            }
        }
        return out;
    }

    private static Object scalar(Line l, String v) {
        char c = v.charAt(0);
        if (c == '"' || c == '\'') {
            if (v.length() < 2 || v.charAt(v.length() - 1) != c) {
                throw error(l.number(), "unterminated quoted value " + v);
            }
            String inner = v.substring(1, v.length() - 1);
            if (c == '"' && inner.indexOf('\\') >= 0) {
                throw error(l.number(), "escape sequences in double-quoted values are not supported: " + v);
            }
            return c == '\'' ? inner.replace("''", "'") : inner;
        }
        if ("[{&*|>!%@`".indexOf(c) >= 0) {
            throw error(l.number(), "'" + c + "' (flow style, anchor, tag or block scalar) is not supported: " + v);
        }
        return v;
    }

    /** Drops a comment: a '#' at the start or after a space, outside quotes. */
    private static String stripComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ')) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static IllegalArgumentException error(int line, String what) {
        return new IllegalArgumentException("YAML line " + line + ": " + what);
    }
}
