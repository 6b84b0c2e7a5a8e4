package io.sparkact.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into fields. Criteo: plain split on the delimiter, no quoting. CSV: RFC 4180 quoting
 * (RFC 4180, "Common Format and MIME Type for CSV Files", section 2): a field that starts with a double quote
 * runs to the matching closing quote, {@code ""} inside it is one quote, and the closing quote must be
 * followed by the delimiter or the end of the line. A quote inside an unquoted field is kept literally, as
 * most readers do. Quoted fields spanning lines are not supported (input is read line by line): they show up
 * as an unterminated quote.
 */
final class LineSplitter {

    private LineSplitter() { }

    static List<String> split(String line, char delimiter, boolean quoting) throws Rejection {
        List<String> fields = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            if (quoting && i < n && line.charAt(i) == '"') {
                i = quoted(line, i, delimiter, fields);
            } else {
                int end = line.indexOf(delimiter, i);
                if (end < 0) {
                    end = n;
                }
                fields.add(line.substring(i, end));
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // skip the delimiter; a trailing delimiter means one more, empty, field
            if (i == n) {
                fields.add("");
                return fields;
            }
        }
    }

    /** Parses a quoted field starting at {@code start}; returns the index after its closing quote. */
    private static int quoted(String line, int start, char delimiter, List<String> fields) throws Rejection {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < n && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i += 2;
                    continue;
                }
                if (i + 1 < n && line.charAt(i + 1) != delimiter) {
                    throw new Rejection(BadReason.UNPARSEABLE, "characters after the closing quote of field "
                            + (fields.size() + 1) + " (column " + (i + 2) + "); allowed: the delimiter or end of line");
                }
                fields.add(sb.toString());
                return i + 1;
            }
            sb.append(c);
            i++;
        }
        throw new Rejection(BadReason.UNPARSEABLE, "unterminated quote in field " + (fields.size() + 1)
                + " (opened at column " + (start + 1) + ")");
    }
}
