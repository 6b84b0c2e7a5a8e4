package io.sparkact.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A GitHub-flavoured Markdown table: a header row, a separator that right-aligns numeric columns, and rows
 * padded so that the plain text lines up too (BENCHMARKS.md is read as text as often as rendered). A cell
 * that contains {@code |} is escaped.
 */
public final class MarkdownTable {

    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name is in {@code numericColumns} are right-aligned. */
    public MarkdownTable(List<String> header, List<String> numericColumns) {
        this.header = List.copyOf(header);
        this.numeric = new boolean[header.size()];
        for (int i = 0; i < header.size(); i++) {
            numeric[i] = numericColumns.contains(header.get(i));
        }
    }

    /** Adds a row; it must have one cell per column. */
    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + header.size()
                    + " columns: " + List.of(cells));
        }
        List<String> r = new ArrayList<>();
        for (String c : cells) {
            r.add(c == null ? "" : c.replace("|", "\\|"));
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** The table, one line per row, each ending in a newline. */
    public String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(3, header.get(i).length());
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        sb.append('|');
        for (int i = 0; i < width.length; i++) {
            sb.append(' ').append("-".repeat(width[i] - (numeric[i] ? 1 : 0))).append(numeric[i] ? ":" : "").append(" |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            sb.append(' ').append(numeric[i] ? pad + c : c + pad).append(" |");
        }
        sb.append('\n');
    }

    /** A number with {@code decimals} digits after the point, "n/a" when not finite. */
    public static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }

    /** A fraction as a whole percentage, "n/a" when not finite. */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f%%", 100 * fraction) : "n/a";
    }
}
