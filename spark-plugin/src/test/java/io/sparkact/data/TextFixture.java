package io.sparkact.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text format for the bad-input table: how its good lines look, which field is the label and which a
 * numeric one, and the {@link InputSpec} that reads it. Each good line carries its number in an id-like
 * column ({@link #idColumn()} = "g" + i), so a test can check that exactly the good rows it wrote came back.
 */
abstract class TextFixture {

    /** Criteo TSV: label, I1..I13, C1..C26, no header; I1 = i, C26 = "g" + i. */
    static final TextFixture CRITEO = new TextFixture() {
        @Override
        String name() { return "criteo"; }

        @Override
        String header() { return null; }

        @Override
        char delimiter() { return '\t'; }

        @Override
        String[] good(int i) {
            String[] f = new String[40];
            Arrays.fill(f, "");
            f[0] = Integer.toString(i % 2);
            f[1] = Integer.toString(i);
            f[3] = "7";
            for (int c = 14; c < 39; c++) {
                f[c] = "v" + (c + i) % 5;
            }
            f[39] = "g" + i;
            return f;
        }

        @Override
        int numericField() { return 1; }

        @Override
        String idColumn() { return "C26"; }

        @Override
        InputSpec spec(String path, double maxBad) {
            return InputSpec.builder().format(InputFormat.CRITEO).path(path).maxBadFraction(maxBad).build();
        }
    };

    /**
     * CSV with a header: label,x,y,c,seq,uid; x = i, uid = "g" + i; c is sometimes quoted with a comma inside; seq is
     * a behaviour sequence ("|"-separated), there so that sequence classes (e.g. longer than the maximum) are rows.
     */
    static final TextFixture CSV = new TextFixture() {
        @Override
        String name() { return "csv"; }

        @Override
        String header() { return "label,x,y,c,seq,uid"; }

        @Override
        char delimiter() { return ','; }

        @Override
        String[] good(int i) {
            return new String[] {Integer.toString(i % 2), Integer.toString(i), i % 3 == 0 ? "" : "0.5",
                    i % 4 == 0 ? "\"re,d\"" : "blue", i % 5 == 0 ? "" : "s" + i % 3 + "|s1", "g" + i};
        }

        @Override
        int numericField() { return 1; }

        @Override
        String idColumn() { return "uid"; }

        @Override
        InputSpec spec(String path, double maxBad) {
            Schema s = Schema.builder().label("label").numeric(List.of("x", "y")).categorical(List.of("c"))
                    .sequence(List.of("seq")).id(List.of("uid")).header(true).build();
            return InputSpec.builder().format("csv").path(path).maxBadFraction(maxBad).schema(s).build();
        }
    };

    abstract String name();

    /** The header line, or null for headerless files. */
    abstract String header();

    abstract char delimiter();

    /** Good line number {@code i}'s fields (index 0 is the label). */
    abstract String[] good(int i);

    /** Index of the numeric field the numeric bad values go into. */
    abstract int numericField();

    /** The column that holds "g" + i in good line i. */
    abstract String idColumn();

    abstract InputSpec spec(String path, double maxBad);

    String join(String[] fields) {
        return String.join(String.valueOf(delimiter()), fields);
    }

    @Override
    public String toString() {
        return name();
    }

    /** A file being written: lines appended one by one, each append returning the line's byte offset. */
    static final class FileBuilder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> goodIds = new ArrayList<>();

        FileBuilder(TextFixture format) {
            if (format.header() != null) {
                line(format.header().getBytes(StandardCharsets.UTF_8), true);
            }
        }

        /** Appends good line {@code i} of {@code format}. */
        FileBuilder good(TextFixture format, int i) {
            line(format.join(format.good(i)).getBytes(StandardCharsets.UTF_8), true);
            goodIds.add("g" + i);
            return this;
        }

        /** Appends raw bytes, with or without the newline after them; returns their offset. */
        long line(byte[] line, boolean newline) {
            long offset = bytes.size();
            bytes.writeBytes(line);
            if (newline) {
                bytes.write('\n');
            }
            return offset;
        }

        List<String> goodIds() {
            return goodIds;
        }

        Path writeTo(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes.toByteArray());
        }
    }
}
