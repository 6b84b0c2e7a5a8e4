package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The bad-line table: every class of malformed text line, for Criteo TSV and CSV with a header, each mixed with
 * good lines in one file. For each row: every good line is used (the exact set of ids written), every bad line
 * is in the quarantine with its file, byte offset, raw text, reason and exact detail, and
 * {@code input.max_bad_fraction} decides: at the file's bad fraction the read succeeds, just below it the read
 * fails after writing the same quarantine.
 *
 * <p>Golden values come from how each fixture line was built: offsets are the byte counts written before the
 * line, field counts and columns from the fixture's layout (Criteo: label, I1..I13, C1..C26; the CSV:
 * label,x,y,c,seq,uid), and the U+FFFD replacement of invalid UTF-8 follows the Unicode Standard's "maximal subpart"
 * practice (chapter 3.9): one U+FFFD per invalid byte sequence.
 *
 * <p>Adding a class is one line in {@link #criteoRows()} or {@link #csvRows()} (e.g. a sequence longer than the
 * maximum, once sequence columns are read).
 */
class BadLineTableTest {

    /** Good lines per file; each bad row is written twice among them (once when it must be the last line). */
    private static final int GOOD = 10;

    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("BadLineTableTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A bad line as bytes, and the raw text the quarantine must show for it. */
    record Line(byte[] bytes, String raw) {
        static Line text(String s) {
            return new Line(s.getBytes(StandardCharsets.UTF_8), s);
        }
    }

    /**
     * One row of the table: a class of bad line, how it is made from good line i's fields, whether it must be the
     * file's last line (written without a newline), and the quarantine's reason and detail (a function of the
     * line's byte offset, for details that name a file offset).
     */
    record BadLine(String name, TextFixture format, Function<String[], Line> make, boolean last, String reason,
                   LongFunction<String> detail) {
        @Override
        public String toString() {
            return format + ": " + name;
        }
    }

    static BadLine row(TextFixture f, String name, Function<String[], Line> make, String reason, String detail) {
        return new BadLine(name, f, make, false, reason, offset -> detail);
    }

    static BadLine lastRow(TextFixture f, String name, Function<String[], Line> make, String reason, String detail) {
        return new BadLine(name, f, make, true, reason, offset -> detail);
    }

    /** Good fields with field {@code i} set to {@code v}, joined. */
    static Function<String[], Line> set(TextFixture f, int i, String v) {
        return fields -> {
            String[] c = fields.clone();
            c[i] = v;
            return Line.text(f.join(c));
        };
    }

    static Function<String[], Line> text(String s) {
        return fields -> Line.text(s);
    }

    /** The first {@code n} fields, a delimiter and the first character of field n: a record cut mid-field. */
    static Function<String[], Line> cut(TextFixture f, int n) {
        return fields -> Line.text(f.join(Arrays.copyOf(fields, n)) + f.delimiter() + fields[n].charAt(0));
    }

    /** Field {@code i} replaced by {@code before} + the bytes + {@code after}; raw shows U+FFFD {@code marks} times. */
    static Function<String[], Line> invalidUtf8(TextFixture f, int i, String before, byte[] bad, String after, int marks) {
        return fields -> {
            String[] c = fields.clone();
            c[i] = "\u0000";
            String[] around = f.join(c).split("\u0000");
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes((around[0] + before).getBytes(StandardCharsets.UTF_8));
            b.writeBytes(bad);
            b.writeBytes((after + around[1]).getBytes(StandardCharsets.UTF_8));
            return new Line(b.toByteArray(), around[0] + before + "\uFFFD".repeat(marks) + after + around[1]);
        };
    }

    /** The 0-based index, in {@code fields} joined, at which field {@code field} starts (ASCII fields). */
    static int fieldStart(TextFixture f, String[] fields, int field) {
        return f.join(Arrays.copyOf(fields, field)).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    static List<BadLine> criteoRows() {
        TextFixture f = TextFixture.CRITEO;
        String[] g = f.good(0); // every bad line is made from good line 0's layout (see make(): its fields)
        int c1 = fieldStart(f, g, 14);
        int c2 = fieldStart(f, g, 15);
        return List.of(
            row(f, "too few fields", x -> Line.text(f.join(Arrays.copyOf(x, 39))), "field_count", "expected 40 fields, found 39"),
            row(f, "too many fields", x -> Line.text(f.join(x) + "\textra"), "field_count", "expected 40 fields, found 41"),
            row(f, "empty line", text(""), "unparseable", "empty line"),
            row(f, "blank line", text("   "), "field_count", "expected 40 fields, found 1"),
            row(f, "non-numeric integer field", set(f, 1, "abc"), "not_numeric", "I1 given 'abc'; allowed: an integer or empty"),
            row(f, "decimal in an integer field", set(f, 1, "1.5"), "not_numeric", "I1 given '1.5'; allowed: an integer or empty"),
            row(f, "label 2", set(f, 0, "2"), "bad_label", "label given '2'; allowed: 0 or 1"),
            row(f, "label text", set(f, 0, "yes"), "bad_label", "label given 'yes'; allowed: 0 or 1"),
            row(f, "label missing", set(f, 0, ""), "missing_label", "label is empty; allowed: 0 or 1"),
            row(f, "NaN", set(f, 1, "NaN"), "not_finite", "I1 given 'NaN'; allowed: a finite number"),
            row(f, "+Inf", set(f, 1, "+Inf"), "not_finite", "I1 given '+Inf'; allowed: a finite number"),
            row(f, "-Inf", set(f, 1, "-Infinity"), "not_finite", "I1 given '-Infinity'; allowed: a finite number"),
            row(f, "integer beyond 64 bits", set(f, 1, "9223372036854775808"), "overflow",
                    "I1 given '9223372036854775808'; allowed: an integer in the 64-bit range"),
            row(f, "exponent overflow", set(f, 1, "1e999"), "not_numeric", "I1 given '1e999'; allowed: an integer or empty"),
            new BadLine("invalid UTF-8 byte", f, invalidUtf8(f, 14, "v", new byte[] {(byte) 0xFF}, "x", 1), false,
                    "invalid_utf8", off -> "the line is not valid UTF-8: byte 0xFF at file offset " + (off + c1 + 1)
                    + "; raw shows each invalid sequence as U+FFFD"),
            // E2 82 is the start of a 3-byte sequence (U+20AC is E2 82 AC) cut short: one maximal subpart
            new BadLine("invalid UTF-8, two sequences", f, x -> {
                String[] c = x.clone();
                c[15] = "\u0001";
                Line first = invalidUtf8(f, 14, "", new byte[] {(byte) 0xE2, (byte) 0x82}, "", 1).apply(c);
                byte[] b = first.bytes().clone();
                int at = indexOf(b, (byte) 1);
                b[at] = (byte) 0xC0; // C0 is never valid in UTF-8
                return new Line(b, first.raw().replace('\u0001', '\uFFFD'));
            }, false, "invalid_utf8", off -> "the line is not valid UTF-8: bytes 0xE2 0x82 at file offset " + (off + c1)
                    + " (and 1 more invalid sequence after it); raw shows each invalid sequence as U+FFFD"),
            lastRow(f, "truncated last line", cut(f, 20), "field_count", "expected 40 fields, found 21"));
    }

    static List<BadLine> csvRows() {
        TextFixture f = TextFixture.CSV;
        String[] g = f.good(0);
        int c = fieldStart(f, g, 3); // 0-based index of field 4 (c) in the line
        return List.of(
            row(f, "too few fields", x -> Line.text(f.join(Arrays.copyOf(x, 5))), "field_count", "expected 6 fields, found 5"),
            row(f, "too many fields", x -> Line.text(f.join(x) + ",extra"), "field_count", "expected 6 fields, found 7"),
            row(f, "empty line", text(""), "unparseable", "empty line"),
            row(f, "blank line", text("   "), "field_count", "expected 6 fields, found 1"),
            row(f, "non-numeric", set(f, 1, "abc"), "not_numeric", "x given 'abc'; allowed: a number or empty"),
            row(f, "hex float", set(f, 2, "0x1p3"), "not_numeric", "y given '0x1p3'; allowed: a number or empty"),
            row(f, "label 2", set(f, 0, "2"), "bad_label", "label given '2'; allowed: 0 or 1"),
            row(f, "label 0.5", set(f, 0, "0.5"), "bad_label", "label given '0.5'; allowed: 0 or 1"),
            row(f, "label missing", set(f, 0, ""), "missing_label", "label is empty; allowed: 0 or 1"),
            row(f, "NaN", set(f, 1, "NaN"), "not_finite", "x given 'NaN'; allowed: a finite number"),
            row(f, "+Inf", set(f, 2, "+Inf"), "not_finite", "y given '+Inf'; allowed: a finite number"),
            row(f, "-Inf", set(f, 1, "-inf"), "not_finite", "x given '-inf'; allowed: a finite number"),
            row(f, "overflow", set(f, 1, "1e999"), "overflow", "x given '1e999'; allowed: |value| <= 1.7976931348623157E308"),
            row(f, "negative overflow", set(f, 2, "-2e308"), "overflow", "y given '-2e308'; allowed: |value| <= 1.7976931348623157E308"),
            row(f, "unterminated quote", set(f, 3, "\"open"), "unparseable",
                    "unterminated quote in field 4 (opened at column " + (c + 1) + ")"),
            row(f, "text after a closing quote", set(f, 3, "\"a\"b"), "unparseable",
                    "characters after the closing quote of field 4 (column " + (c + 4) + "); allowed: the delimiter or end of line"),
            new BadLine("invalid UTF-8 byte", f, invalidUtf8(f, 3, "bl", new byte[] {(byte) 0xFF}, "ue", 1), false,
                    "invalid_utf8", off -> "the line is not valid UTF-8: byte 0xFF at file offset " + (off + c + 2)
                    + "; raw shows each invalid sequence as U+FFFD"),
            lastRow(f, "truncated last line", x -> Line.text("1,5,0."), "field_count", "expected 6 fields, found 3"),
            lastRow(f, "truncated last line inside quotes", x -> Line.text("1,5,0.5,\"re"), "unparseable",
                    "unterminated quote in field 4 (opened at column 9)"));
    }

    static Stream<BadLine> rows() {
        return Stream.concat(criteoRows().stream(), csvRows().stream());
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte " + v + " not found");
    }

    /** What a fixture file holds: the expected quarantine (offset order) and the good ids. */
    record Written(Path file, List<Long> offsets, List<Line> bad, List<String> goodIds) { }

    /**
     * Good lines 0..4, the bad line, good lines 5..9, the bad line again; or, for a row that must be last, the ten
     * good lines then the bad line without a newline. The bad line is made from good line 0's fields.
     */
    static Written write(BadLine r, Path file) throws IOException {
        TextFixture.FileBuilder b = new TextFixture.FileBuilder(r.format());
        Line bad = r.make().apply(r.format().good(0));
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            if (!r.last() && (i == GOOD / 2 || i == 0)) {
                offsets.add(b.line(bad.bytes(), true));
            }
            b.good(r.format(), i);
        }
        if (r.last()) {
            offsets.add(b.line(bad.bytes(), false));
        }
        return new Written(b.writeTo(file), offsets, nCopies(bad, offsets.size()), b.goodIds());
    }

    private static List<Line> nCopies(Line l, int n) {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(l);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyGoodLineIsUsedAndEveryBadLineQuarantinedWithItsReason(BadLine r) throws IOException {
        String id = r.format() + "-" + r.name().replaceAll("[^A-Za-z0-9]+", "_");
        Written w = write(r, tmp.resolve(id + "/data/in." + (r.format() == TextFixture.CSV ? "csv" : "tsv")));
        int bad = w.offsets().size();
        long read = GOOD + bad;
        double fraction = (double) bad / read;

        // at exactly the file's bad fraction the read succeeds (the limit is "above it the job fails")
        String q = tmp.resolve(id + "/q-ok").toString();
        ReadResult ok = InputReader.read(spark, r.format().spec(w.file().toString(), fraction), q);
        assertEquals(read, ok.read(), "rows read");
        assertEquals(GOOD, ok.used(), "good rows used");
        assertEquals(bad, ok.quarantined(), "rows quarantined");
        List<String> ids = new ArrayList<>();
        for (Row row : ok.good().select(r.format().idColumn()).collectAsList()) {
            ids.add(row.getString(0));
        }
        ids.sort(Comparator.comparingInt(s -> Integer.parseInt(s.substring(1))));
        assertEquals(w.goodIds(), ids, "exactly the good lines written");
        ok.release();
        assertQuarantine(r, w, q);

        // just below it the read fails, after writing the same quarantine, and says how many and where
        String q2 = tmp.resolve(id + "/q-fail").toString();
        double limit = (bad - 0.5) / read;
        BadInputException e = assertThrows(BadInputException.class,
                () -> InputReader.read(spark, r.format().spec(w.file().toString(), limit), q2));
        // 2 of 12: 0.1666.. and 1.5/12 = 0.125; 1 of 11: 0.0909.. and 0.5/11 = 0.04545.. (6 significant digits)
        String counts = bad == 2 ? "2 of 12 input rows are bad (fraction 0.166667 > input.max_bad_fraction 0.125000)"
                : "1 of 11 input rows are bad (fraction 0.0909091 > input.max_bad_fraction 0.0454545)";
        assertEquals(counts + "; the bad rows and their reasons are in " + q2, e.getMessage());
        assertQuarantine(r, w, q2);
    }

    private static void assertQuarantine(BadLine r, Written w, String dir) throws IOException {
        List<JsonNode> recs = new ArrayList<>(InputReaderTest.quarantine(dir));
        recs.sort(Comparator.comparingLong(n -> n.get("offset").asLong()));
        assertEquals(w.offsets().size(), recs.size(), "one record per bad line: " + recs);
        for (int i = 0; i < recs.size(); i++) {
            JsonNode rec = recs.get(i);
            long offset = w.offsets().get(i);
            assertEquals(w.file().toUri().getPath(), Path.of(java.net.URI.create(rec.get("file").asText())).toString(),
                    "file of " + rec);
            assertEquals(offset, rec.get("offset").asLong(), "offset of " + rec);
            assertFalse(rec.has("row"), "text input has byte offsets, not row numbers: " + rec);
            assertEquals(w.bad().get(i).raw(), rec.get("raw").asText(), "raw of " + rec);
            assertEquals(r.reason(), rec.get("reason").asText(), "reason of " + rec);
            assertEquals(r.detail().apply(offset), rec.get("detail").asText(), "detail of " + rec);
        }
        assertTrue(recs.size() > 0);
    }
}
