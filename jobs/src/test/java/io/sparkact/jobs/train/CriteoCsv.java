package io.sparkact.jobs.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * CSV test data with Criteo-style columns {@code label,I1..I13,C1..C26}, comma-separated, blank = missing.
 *
 * <p>The known rule: C1 is one of {@code g0..g9}, never blank, and the label is 1 exactly when C1 is
 * {@code g0..g4}. Every other field is noise (counts 0..200, values {@code v0..v49}, about 5% blank, some
 * quoted with a comma inside), so a model that learns the rule reaches AUC 1 and one that does not stays
 * near 0.5.
 */
public final class CriteoCsv {

    public static final List<String> COLUMNS = columns();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> order;
    private int dataRows;

    /** A file whose header lists the columns in {@code order} (a permutation of {@link #COLUMNS}). */
    public CriteoCsv(List<String> order) {
        this.order = List.copyOf(order);
        append(String.join(",", order).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        c.add("label");
        for (int i = 1; i <= 13; i++) {
            c.add("I" + i);
        }
        for (int i = 1; i <= 26; i++) {
            c.add("C" + i);
        }
        return List.copyOf(c);
    }

    /** The columns in reverse order: a second file that must be read by its header's names. */
    static List<String> reversed() {
        List<String> r = new ArrayList<>(COLUMNS);
        Collections.reverse(r);
        return r;
    }

    /** One good row's fields in {@link #COLUMNS} order, as CSV text. */
    public static String[] goodRow(Random r) {
        String[] f = new String[COLUMNS.size()];
        int group = r.nextInt(10);
        f[0] = group < 5 ? "1" : "0";
        for (int i = 1; i <= 13; i++) {
            f[i] = r.nextInt(20) == 0 ? "" : Integer.toString(r.nextInt(201));
        }
        f[14] = "g" + group;
        for (int i = 15; i < f.length; i++) {
            int roll = r.nextInt(20);
            f[i] = roll == 0 ? "" : roll == 1 ? "\"q," + r.nextInt(5) + "\"" : "v" + r.nextInt(50);
        }
        return f;
    }

    /** A row's fields in this file's column order, joined by commas. */
    String line(String[] fieldsInColumnOrder) {
        List<String> out = new ArrayList<>();
        for (String name : order) {
            out.add(fieldsInColumnOrder[COLUMNS.indexOf(name)]);
        }
        return String.join(",", out);
    }

    /** Appends one data line; returns its byte offset in the file. */
    long add(String line) {
        return add(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one data line given as raw bytes (may be invalid UTF-8); returns its byte offset. */
    long add(byte[] line) {
        dataRows++;
        return append(line);
    }

    /** Appends {@code n} good rows drawn from {@code r}. */
    public CriteoCsv addGood(Random r, int n) {
        for (int i = 0; i < n; i++) {
            add(line(goodRow(r)));
        }
        return this;
    }

    private long append(byte[] line) {
        long offset = bytes.size();
        bytes.writeBytes(line);
        bytes.write('\n');
        return offset;
    }

    /** Data lines written (the header not counted). */
    int dataRows() {
        return dataRows;
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
