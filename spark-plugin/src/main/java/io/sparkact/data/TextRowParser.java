package io.sparkact.data;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;

/**
 * Turns one line of a text file (Criteo TSV or CSV) into an {@link Outcome}: a row in the canonical schema
 * (label double when training, numeric doubles, categorical/sequence/id strings, empty = null) or a
 * quarantine record. When scoring ({@link ReadPurpose#SCORE}) the label is neither read nor validated.
 * Serializable: it runs on the executors.
 */
final class TextRowParser implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where each canonical column sits in a file's lines, and how many fields a line must have. */
    static final class Layout implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] fieldOf;
        final int fieldCount;

        Layout(int[] fieldOf, int fieldCount) {
            this.fieldOf = fieldOf;
            this.fieldCount = fieldCount;
        }
    }

    private final Schema schema;
    private final List<String> columns;
    private final boolean criteo;
    private final boolean labeled;
    /** Headerless files: the layout for each accepted field count (two when scoring may skip a label). */
    private final Map<Integer, Layout> headerless;
    private final String expectedFields;
    private final Map<String, Layout> layoutByFile;

    /**
     * @param spec         the input: schema, format and purpose (training parses the label, scoring skips it)
     * @param layoutByFile per-file layout from each file's header, or null when files have no header
     */
    TextRowParser(InputSpec spec, Map<String, Layout> layoutByFile) {
        this.schema = spec.schema();
        this.columns = spec.readColumns();
        this.criteo = spec.format() == InputFormat.CRITEO;
        this.labeled = spec.labeled();
        this.layoutByFile = layoutByFile;
        this.headerless = new HashMap<>();
        int n = columns.size();
        headerless.put(n, new Layout(shifted(n, 0), n));
        if (!labeled && schema.hasLabel()) {
            // scoring a headerless file that still has its label column (canonical order: label first)
            headerless.put(n + 1, new Layout(shifted(n, 1), n + 1));
            this.expectedFields = n + " (without the label) or " + (n + 1) + " (label first, ignored)";
        } else {
            this.expectedFields = Integer.toString(n);
        }
    }

    private static int[] shifted(int n, int by) {
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = i + by;
        }
        return at;
    }

    /** Parses the line at {@code offset} of {@code file}; null for a header line, which is skipped. */
    Outcome parse(String file, long offset, byte[] bytes, int length) {
        if (schema.header() && offset == 0) {
            return null;
        }
        String line;
        try {
            line = Utf8Lines.decode(bytes, length, offset);
        } catch (Rejection r) {
            String raw = Utf8Lines.lenient(bytes, length);
            return Outcome.bad(Quarantine.record(file, offset, raw, r.reason, r.getMessage()));
        }
        try {
            return Outcome.good(RowFactory.create(values(file, line)));
        } catch (Rejection r) {
            return Outcome.bad(Quarantine.record(file, offset, line, r.reason, r.getMessage()));
        }
    }

    private Object[] values(String file, String line) throws Rejection {
        if (line.isEmpty()) {
            throw new Rejection(BadReason.UNPARSEABLE, "empty line");
        }
        List<String> fields = LineSplitter.split(line, schema.delimiter(), !criteo);
        Layout layout;
        if (layoutByFile == null) {
            layout = headerless.get(fields.size());
            if (layout == null) {
                throw new Rejection(BadReason.FIELD_COUNT, "expected " + expectedFields + " fields, found "
                        + fields.size());
            }
        } else {
            layout = layoutByFile.get(file);
            if (fields.size() != layout.fieldCount) {
                throw new Rejection(BadReason.FIELD_COUNT, "expected " + layout.fieldCount + " fields, found "
                        + fields.size());
            }
        }
        Object[] v = new Object[columns.size()];
        int c = 0;
        if (labeled) {
            v[0] = FieldRules.label(schema.label(), fields.get(layout.fieldOf[0]));
            c = 1;
        }
        for (int k = 0; k < schema.numeric().size(); k++, c++) {
            v[c] = FieldRules.numeric(columns.get(c), fields.get(layout.fieldOf[c]), criteo);
        }
        for (; c < v.length; c++) {
            String s = fields.get(layout.fieldOf[c]);
            v[c] = s.isEmpty() ? null : s;
        }
        return v;
    }
}
