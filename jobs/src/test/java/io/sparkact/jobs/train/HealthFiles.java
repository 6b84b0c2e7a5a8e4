package io.sparkact.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a train output's health: metrics.json {@code health} has one record per hidden layer per epoch
 * with the contract's keys, and health.csv holds the same rows with the same values.
 */
final class HealthFiles {

    static final List<String> COLUMNS = List.of("epoch", "layer", "activation", "dead_fraction",
            "saturated_fraction", "mean", "std", "active_fraction", "max_abs", "grad_norm");

    private HealthFiles() {
    }

    @SuppressWarnings("unchecked")
    static void check(Path out, int hiddenLayers, int epochs, String activation) throws IOException {
        List<Map<String, Object>> health = (List<Map<String, Object>>) TrainFiles.json(out.resolve("metrics.json"))
                .get("health");
        assertEquals(hiddenLayers * epochs, health.size(), "health records: " + health);
        List<String> lines = Files.readAllLines(out.resolve("health.csv"));
        assertEquals(String.join(",", COLUMNS), lines.get(0));
        assertEquals(health.size() + 1, lines.size(), "one csv row per record");
        for (int i = 0; i < health.size(); i++) {
            Map<String, Object> rec = health.get(i);
            assertEquals(COLUMNS, List.copyOf(rec.keySet()));
            assertEquals(i / hiddenLayers + 1, ((Number) rec.get("epoch")).intValue());
            assertEquals("h" + (i % hiddenLayers), rec.get("layer"));
            assertEquals(activation, rec.get("activation"));
            for (String fraction : List.of("dead_fraction", "saturated_fraction", "active_fraction")) {
                double f = ((Number) rec.get(fraction)).doubleValue();
                assertTrue(f >= 0 && f <= 1, fraction + " of " + rec);
            }
            assertTrue(((Number) rec.get("grad_norm")).doubleValue() > 0, "grad_norm of " + rec);
            List<String> cells = cells(lines.get(i + 1));
            assertEquals(COLUMNS.size(), cells.size(), lines.get(i + 1));
            for (int c = 0; c < COLUMNS.size(); c++) {
                Object json = rec.get(COLUMNS.get(c));
                String cell = cells.get(c);
                if (json == null) {
                    assertEquals("", cell, COLUMNS.get(c));
                } else if (json instanceof String) {
                    assertEquals(json, cell, COLUMNS.get(c));
                } else {
                    // Double.toString in the CSV reads back to the very double JSON holds
                    assertEquals(((Number) json).doubleValue(), Double.parseDouble(cell), 0.0, COLUMNS.get(c));
                }
            }
        }
    }

    /** Cells of one CSV line (RFC 4180 quotes). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
