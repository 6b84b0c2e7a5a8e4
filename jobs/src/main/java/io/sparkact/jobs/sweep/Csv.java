package io.sparkact.jobs.sweep;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV lines: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. */
final class Csv {

    private Csv() {
    }

    static String line(List<?> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? (Double.isFinite(d) ? Double.toString(d) : "") : String.valueOf(v);
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
