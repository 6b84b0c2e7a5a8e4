package io.sparkact.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Text readers (Criteo, CSV): good rows exactly, every bad row quarantined with file, offset and reason. */
class InputReaderTest {

    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("InputReaderTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A Criteo line: label, 13 integers (I1 = i, I2 = -i, others empty but I3 = 7), 26 categoricals. */
    static String criteoLine(int label, int i) {
        StringBuilder sb = new StringBuilder().append(label).append('\t').append(i).append('\t').append(-i)
                .append('\t').append(7);
        for (int k = 4; k <= 13; k++) {
            sb.append('\t');
        }
        for (int c = 1; c <= 26; c++) {
            sb.append('\t').append(c == 2 ? "" : String.format("%08x", i * 31 + c));
        }
        return sb.toString();
    }

    static Path write(Path file, List<byte[]> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.write(l);
            out.write('\n');
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, out.toByteArray());
    }

    static List<byte[]> utf8(List<String> lines) {
        return lines.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).collect(Collectors.toList());
    }

    /** Every record of a quarantine directory (JSON lines in its part files). */
    static List<JsonNode> quarantine(String dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).collect(Collectors.toList())) {
                for (String line : Files.readAllLines(p)) {
                    out.add(mapper.readTree(line));
                }
            }
        }
        return out;
    }

    InputSpec criteo(String path, double maxBad) {
        return InputSpec.builder().format(InputFormat.CRITEO).path(path).maxBadFraction(maxBad).build();
    }

    @Test
    void criteoGoodRowsAreReadExactly() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(criteoLine(i % 2, i));
        }
        Path f = write(tmp.resolve("in/day0.tsv"), utf8(lines));
        ReadResult r = InputReader.read(spark, criteo(f.toString(), 0), tmp.resolve("q").toString());
        assertEquals(20, r.read());
        assertEquals(20, r.used());
        assertEquals(0, r.quarantined());
        List<Row> rows = new ArrayList<>(r.good().collectAsList());
        rows.sort(Comparator.comparingDouble(row -> row.getDouble(1)));
        assertEquals(40, rows.get(0).size());
        Row third = rows.get(3);
        assertEquals(1.0, third.getDouble(0));                       // label
        assertEquals(3.0, third.getDouble(1));                       // I1
        assertEquals(-3.0, third.getDouble(2));                      // I2: negative integers are kept
        assertEquals(7.0, third.getDouble(3));                       // I3
        assertTrue(third.isNullAt(4));                               // I4 empty = missing
        assertEquals(String.format("%08x", 3 * 31 + 1), third.getString(14));   // C1
        assertTrue(third.isNullAt(15));                              // C2 empty = missing
        assertEquals("I13", r.good().schema().fieldNames()[13]);
        r.release();
    }

    /** One row per bad-row class, mixed with good rows in one file; reasons and byte offsets exact. */
    @Test
    void everyBadRowClassIsQuarantinedAndEveryGoodRowKept() throws IOException {
        String good = criteoLine(1, 5);
        String[][] bad = {
            {good.replaceFirst("\t", "\t\t"), "field_count"},
            {good.substring(0, good.lastIndexOf('\t')), "field_count"},
            {"1\tabc" + good.substring(good.indexOf('\t', 2)), "not_numeric"},
            {"2" + good.substring(1), "bad_label"},
            {good.substring(1), "missing_label"},
            {"0\tNaN" + good.substring(good.indexOf('\t', 2)), "not_finite"},
            {"0\t-inf" + good.substring(good.indexOf('\t', 2)), "not_finite"},
            {"0\t99999999999999999999" + good.substring(good.indexOf('\t', 2)), "overflow"},
            {"", "unparseable"},
        };
        List<byte[]> lines = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 12; i++) {
            byte[] g = criteoLine(i % 2, i).getBytes(StandardCharsets.UTF_8);
            lines.add(g);
            offset += g.length + 1;
            if (i < bad.length) {
                byte[] b = bad[i][0].getBytes(StandardCharsets.UTF_8);
                lines.add(b);
                offsets.add(offset);
                reasons.add(bad[i][1]);
                offset += b.length + 1;
            }
        }
        byte[] invalid = criteoLine(0, 9).getBytes(StandardCharsets.UTF_8);
        invalid[invalid.length - 1] = (byte) 0xC3; // a lone UTF-8 lead byte: not a whole character
        lines.add(invalid);
        offsets.add(offset);
        reasons.add("invalid_utf8");

        Path f = write(tmp.resolve("mixed.tsv"), lines);
        String q = tmp.resolve("quarantine").toString();
        ReadResult r = InputReader.read(spark, criteo(f.toString(), 1.0), q);
        assertEquals(12, r.used());
        assertEquals(bad.length + 1, r.quarantined());
        assertEquals(12 + bad.length + 1, r.read());
        assertEquals(12, r.good().count());

        List<JsonNode> records = quarantine(q);
        records.sort(Comparator.comparingLong(n -> n.get("offset").asLong()));
        assertEquals(reasons.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode rec = records.get(i);
            assertEquals(offsets.get(i), rec.get("offset").asLong(), "record " + i);
            assertEquals(reasons.get(i), rec.get("reason").asText(), "record " + i);
            assertTrue(rec.get("file").asText().endsWith("/mixed.tsv"));
            assertTrue(!rec.get("detail").asText().isEmpty());
        }
        JsonNode overflow = records.get(7);
        assertEquals("I1 given '99999999999999999999'; allowed: an integer in the 64-bit range",
                overflow.get("detail").asText());
        assertEquals(bad[7][0], overflow.get("raw").asText());
        r.release();
    }

    @Test
    void thresholdFailsAboveAndPassesBelowAfterWritingTheQuarantine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            lines.add(criteoLine(0, i));
        }
        lines.add("x");
        Path f = write(tmp.resolve("t.tsv"), utf8(lines));
        String q = tmp.resolve("q1").toString();
        BadInputException e = assertThrows(BadInputException.class,
                () -> InputReader.read(spark, criteo(f.toString(), 0.05), q));
        assertEquals("1 of 10 input rows are bad (fraction 0.100000 > input.max_bad_fraction 0.0500000); "
                + "the bad rows and their reasons are in " + q, e.getMessage());
        assertEquals(1, quarantine(q).size());
        ReadResult ok = InputReader.read(spark, criteo(f.toString(), 0.1), tmp.resolve("q2").toString());
        assertEquals(9, ok.used());
        ok.release();
    }

    @Test
    void directoriesGlobsAndPathErrors() throws IOException {
        write(tmp.resolve("d/part-0.tsv"), utf8(List.of(criteoLine(0, 1), criteoLine(1, 2))));
        write(tmp.resolve("d/sub/part-1.tsv"), utf8(List.of(criteoLine(0, 3))));
        write(tmp.resolve("d/_SUCCESS"), utf8(List.of("not data")));
        write(tmp.resolve("d/.hidden"), utf8(List.of("not data")));
        String q = tmp.resolve("q").toString();
        assertEquals(3, InputReader.read(spark, criteo(tmp.resolve("d").toString(), 0), q).used());
        assertEquals(2, InputReader.read(spark, criteo(tmp.resolve("d").toUri() + "/part-*.tsv", 0), q).used());

        String missing = tmp.resolve("nope").toString();
        assertEquals("input path " + missing + " does not exist", assertThrows(InputException.class,
                () -> InputReader.read(spark, criteo(missing, 0), q)).getMessage());
        String glob = tmp.resolve("d") + "/*.csv";
        assertEquals("input path " + glob + " is a glob that matches no file", assertThrows(InputException.class,
                () -> InputReader.read(spark, criteo(glob, 0), q)).getMessage());
        Files.createDirectories(tmp.resolve("empty/_temporary"));
        String empty = tmp.resolve("empty").toString();
        assertTrue(assertThrows(InputException.class, () -> InputReader.read(spark, criteo(empty, 0), q))
                .getMessage().startsWith("input path " + empty + " holds no data files"));
    }

    InputSpec csv(String path, boolean header) {
        Schema s = Schema.builder().label("label").numeric(List.of("x")).categorical(List.of("c"))
                .id(List.of("uid")).header(header).build();
        return InputSpec.builder().format("csv").path(path).maxBadFraction(1).schema(s).build();
    }

    /** Two files with their columns in different orders: each file's header is read and skipped. */
    @Test
    void csvHeaderOfEachFileIsUsedAndSkipped() throws IOException {
        write(tmp.resolve("csv/a.csv"), utf8(List.of("uid,label,x,c", "u1,1,2.5,red", "u2,0,,\"bl,ue\"")));
        write(tmp.resolve("csv/b.csv"), utf8(List.of("c,x,label,uid", "green,-1e1,1,u3", "x,1,0,u4,extra", "\"y,1,0,u5")));
        ReadResult r = InputReader.read(spark, csv(tmp.resolve("csv").toString(), true), tmp.resolve("q").toString());
        assertEquals(5, r.read());
        assertEquals(3, r.used());
        List<Row> rows = new ArrayList<>(r.good().orderBy("uid").collectAsList());
        assertEquals(List.of("label", "x", "c", "uid"), List.of(r.good().schema().fieldNames()));
        assertEquals("[1.0,2.5,red,u1]", rows.get(0).toString());
        assertEquals(0.0, rows.get(1).getDouble(0));
        assertNull(rows.get(1).get(1));
        assertEquals("bl,ue", rows.get(1).getString(2));
        assertEquals("[1.0,-10.0,green,u3]", rows.get(2).toString());
        List<JsonNode> recs = quarantine(tmp.resolve("q").toString());
        recs.sort(Comparator.comparingLong(n -> n.get("offset").asLong()));
        assertEquals("unparseable", recs.get(1).get("reason").asText());
        assertEquals("unterminated quote in field 1 (opened at column 1)", recs.get(1).get("detail").asText());
        JsonNode rec = recs.get(0);
        assertEquals("field_count", rec.get("reason").asText());
        assertEquals("expected 4 fields, found 5", rec.get("detail").asText());
        assertEquals(30L, rec.get("offset").asLong()); // "c,x,label,uid\n" (14) + "green,-1e1,1,u3\n" (16)
        assertTrue(rec.get("file").asText().endsWith("/csv/b.csv"));
        r.release();
    }

    @Test
    void csvWithoutHeaderUsesSchemaOrderAndHeaderErrorsNameFileAndColumn() throws IOException {
        Path f = write(tmp.resolve("nh.csv"), utf8(List.of("1,3,a,u1", "0,4,b,u2")));
        ReadResult r = InputReader.read(spark, csv(f.toString(), false), tmp.resolve("q").toString());
        assertEquals(2, r.used());
        r.release();
        Path g = write(tmp.resolve("h.csv"), utf8(List.of("label,x,uid", "1,3,u1")));
        InputException e = assertThrows(InputException.class,
                () -> InputReader.read(spark, csv(g.toString(), true), tmp.resolve("q").toString()));
        assertEquals("input file " + g.toUri().toString().replace("file:///", "file:/")
                + " has no column 'c' in its header; the header has: label, x, uid", e.getMessage());
        Path onlyHeader = write(tmp.resolve("oh/h.csv"), utf8(List.of("label,x,c,uid")));
        assertTrue(assertThrows(InputException.class, () -> InputReader.read(spark,
                csv(onlyHeader.toString(), true), tmp.resolve("q").toString())).getMessage().contains("holds no data rows"));
    }
}
