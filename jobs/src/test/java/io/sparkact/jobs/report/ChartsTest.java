package io.sparkact.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Structural facts of the SVG builders, derived by hand from the layout constants (written out in each test), and
 * escaping: every chart must parse as XML even when labels contain markup characters.
 */
class ChartsTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element nth(Document d, String tag, String cls, int n) {
        NodeList l = d.getElementsByTagName(tag);
        int seen = 0;
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            if (cls.equals(e.getAttribute("class")) && seen++ == n) {
                return e;
            }
        }
        throw new AssertionError("no " + n + "th " + tag + "." + cls);
    }

    @Test
    void barGeometry() throws Exception {
        // labels "a", "bb": label column = 7 px/char * 2 + 12 = 26. Largest value + error = 0.9 → axis [0, 1]
        // (niceCeil(0.9) = 1.0). Bar 0 (0.5): x = 26, width = 0.5 * 360 = 180, y = TOP 12 + 13 - 8 = 17.
        // Bar 1 (0.8 ± 0.1): width 288, y = 12 + 26 + 5 = 43; error bar from 26 + 0.7*360 = 278 to 26 + 324 = 350.
        Document d = parse(BarChart.svg("chart-x", "T", "D", "axis", List.of(
                new BarChart.Bar("a", 0.5, Double.NaN, 0), new BarChart.Bar("bb", 0.8, 0.1, 1)), true, Format::f4));
        Element b0 = nth(d, "rect", "bar", 0);
        assertEquals("26.00", b0.getAttribute("x"));
        assertEquals("180.00", b0.getAttribute("width"));
        assertEquals("17.00", b0.getAttribute("y"));
        assertEquals("16", b0.getAttribute("height"));
        Element b1 = nth(d, "rect", "bar", 1);
        assertEquals("288.00", b1.getAttribute("width"));
        assertEquals("43.00", b1.getAttribute("y"));
        assertEquals("M278.00 46.00V56.00M278.00 51.00H350.00M350.00 46.00V56.00",
                nth(d, "path", "errorbar", 0).getAttribute("d"));
        assertEquals(1, d.getElementsByTagName("path").getLength(), "no error bar for a single run");
        assertEquals("0.8000 ± 0.1000", nth(d, "text", "value", 1).getTextContent());
        assertEquals("chart-x", d.getDocumentElement().getAttribute("id"));
        assertEquals("T", d.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void dotsOnAFittedAxis() throws Exception {
        // values 0.7 and 0.8: Axis.niceLimits pads by 5% of 0.1 → [0.695, 0.805]; 0.7 sits at
        // 0.005/0.11 * 360 = 16.36 px right of the label column (26 px), i.e. cx = 42.36.
        Document d = parse(BarChart.svg("c", "T", "D", "auc", List.of(new BarChart.Bar("a", 0.7, Double.NaN, 0),
                new BarChart.Bar("bb", 0.8, Double.NaN, 1)), false, Format::f4));
        assertEquals("42.36", nth(d, "circle", "dot", 0).getAttribute("cx"));
        assertEquals(0, d.getElementsByTagName("rect").getLength() - 1, "only the background rect");
    }

    @Test
    void missingValueDrawsNoMark() throws Exception {
        Document d = parse(BarChart.svg("c", "T", "D", "x", List.of(new BarChart.Bar("a", Double.NaN, Double.NaN, 0),
                new BarChart.Bar("b", 2, Double.NaN, 1)), true, Format::f4));
        assertEquals("b", nth(d, "rect", "bar", 0).getAttribute("data-label"));
        assertEquals("–", nth(d, "text", "value", 0).getTextContent());
    }

    @Test
    void logLineGeometry() throws Exception {
        // values 100 and 1 → exponents [0, 2]; y(100) = TOP 12 + 220 - 220 = 12, y(1) = 232.
        // two categories: x = LEFT 64 + PAD 24 = 88 and 64 + 420 - 24 = 460. Ticks at 1, 10, 100.
        Document d = parse(LineChart.svg("g", "T", "D", "layer", "norm", List.of("h0", "h1"),
                List.of(new LineChart.Series("sigmoid", new double[] {100, 1}, 0)), LineChart.Scale.LOG));
        assertEquals("88.00,12.00 460.00,232.00", nth(d, "polyline", "series", 0).getAttribute("points"));
        assertEquals("1", nth(d, "text", "tick", 0).getTextContent());
        assertEquals("100", nth(d, "text", "tick", 2).getTextContent());
        assertEquals("h1", nth(d, "circle", "point", 1).getAttribute("data-x"));
    }

    @Test
    void zeroBasedLineSkipsMissingValues() throws Exception {
        // [0, niceCeil(30)] = [0, 30]; 15 → y = 12 + 220 - 110 = 122; the NaN at category 1 is left out.
        Document d = parse(LineChart.svg("d", "T", "D", "epoch", "%", List.of("1", "2", "3"),
                List.of(new LineChart.Series("relu", new double[] {15, Double.NaN, 30}, 0)), LineChart.Scale.ZERO));
        assertEquals("88.00,122.00 460.00,12.00", nth(d, "polyline", "series", 0).getAttribute("points"));
        assertEquals(2, d.getElementsByTagName("circle").getLength());
    }

    @Test
    void markupInLabelsIsEscaped() throws Exception {
        String evil = "<script>alert('x')</script>&\"";
        String svg = BarChart.svg("c", evil, evil, evil, List.of(new BarChart.Bar(evil, 1, 0.5, 0)), true, Format::f4)
                + LineChart.svg("l", evil, evil, evil, evil, List.of(evil),
                List.of(new LineChart.Series(evil, new double[] {1}, 0)), LineChart.Scale.FITTED);
        assertFalse(svg.contains("<script"), svg);
        for (String part : svg.split("(?=<svg )")) {
            if (!part.isBlank()) {
                Document d = parse(part);
                assertEquals(evil, d.getElementsByTagName("title").item(0).getTextContent());
            }
        }
        assertTrue(new HtmlTable(evil, List.of(evil)).row(List.of(evil)).html().contains("&lt;script&gt;"));
    }

    @Test
    void niceCeil() {
        assertEquals(1.0, Svg.niceCeil(0.9), 1e-15);
        assertEquals(30.0, Svg.niceCeil(30), 1e-12);
        assertEquals(4000.0, Svg.niceCeil(3100), 1e-9);
        assertEquals(1.0, Svg.niceCeil(0));
    }
}
