package io.sparkact.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void padsColumnsAndRightAlignsNumbers() {
        MarkdownTable t = new MarkdownTable(List.of("kernel", "ms"), List.of("ms"));
        t.row("relu", "1.50").row("a|b", "12.25");
        assertEquals("""
                | kernel |    ms |
                | ------ | ----: |
                | relu   |  1.50 |
                | a\\|b   | 12.25 |
                """, t.render());
        assertEquals(2, t.size());
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsRefused() {
        MarkdownTable t = new MarkdownTable(List.of("a", "b"), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.row("x"));
        assertEquals("row has 1 cells, the table 2 columns: [x]", e.getMessage());
    }

    @Test
    void numbersAndPercentages() {
        assertEquals("3.14", MarkdownTable.num(3.14159, 2));
        assertEquals("n/a", MarkdownTable.num(Double.NaN, 2));
        assertEquals("n/a", MarkdownTable.num(Double.POSITIVE_INFINITY, 0));
        assertEquals("50%", MarkdownTable.percent(0.5));
        assertEquals("n/a", MarkdownTable.percent(Double.NaN));
    }

    @Test
    void sectionsHaveALevelTwoHeading() {
        assertEquals("## Scoring\n\ntext\n", new Section("Scoring", "\ntext\n\n").render());
    }
}
