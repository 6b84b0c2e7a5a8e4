package io.sparkact.health;

import java.util.List;

/**
 * {@code health.csv}: a header of {@link HealthRecord#COLUMNS}, then one row per record. Numbers are
 * written with {@code Double.toString}, which reads back to the same double, so the file and metrics.json
 * hold identical values; undefined values are empty cells. Layer names and activation specs are quoted
 * when they contain a comma (a spec with several parameters does), RFC 4180 style.
 */
public final class HealthCsv {

    private HealthCsv() {
    }

    /** The whole file's text. */
    public static String format(List<HealthRecord> records) {
        StringBuilder sb = new StringBuilder(String.join(",", HealthRecord.COLUMNS)).append('\n');
        for (HealthRecord r : records) {
            List<Object> values = r.values();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(cell(values.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
