package io.sparkact.jobs.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.CatalogEntry;
import io.sparkact.jobs.cli.CliRunner;
import io.sparkact.jobs.cli.Main;
import io.sparkact.params.Param;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ActivationsJobTest {

    /** Every name the foundation issue asks for, element-wise and layers. */
    static final List<String> REQUIRED = List.of("relu", "lrelu", "relu6", "lrelu6", "rrelu", "hswish", "hsigmoid",
            "sigmoid", "tanh", "hardtanh", "softsign", "softplus", "elu", "selu", "swish", "softshrink",
            "hardshrink", "tanhshrink", "abs", "identity", "dice", "prelu", "maxout");

    @Test
    void listShowsEveryNameWithKindParametersDefaultsAndRanges() {
        CliRunner.Result r = CliRunner.run("activations", "list");
        assertEquals(Main.OK, r.code, r.toString());
        for (String name : REQUIRED) {
            CatalogEntry e = ActivationCatalog.standard().entry(name);
            assertTrue(e != null, "catalogue lacks " + name);
            assertTrue(r.out.contains("\n" + name + " ") || r.out.startsWith(name + " "), "list lacks " + name);
            for (Param p : e.params()) {
                assertTrue(r.out.contains(p.describeRange()), name + ": range of " + p.name() + " not listed");
            }
        }
        // spot checks of the exact text for one entry of each kind
        assertTrue(r.out.contains("    alpha_high  default 0                    0 <= alpha_high <= 1"), r.out);
        assertTrue(r.out.contains("    momentum    default 0.99"), r.out);
        assertTrue(r.out.matches("(?s).*\\ndice +stateful .*"), r.out);
        assertTrue(r.out.matches("(?s).*\\nprelu +trainable .*"), r.out);
        assertTrue(r.out.matches("(?s)relu +pure .*"), r.out);
    }

    @Test
    void unknownActivationListsTheValidNames() {
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", "rleu");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.startsWith("sparkact activations: unknown activation 'rleu' in spec 'rleu'; valid names: relu, lrelu,"),
                r.err);
    }

    @Test
    void outOfRangeParameterNamesItAndTheRange() {
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", "lrelu6(alpha=-0.5)");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.startsWith(
                "sparkact activations: lrelu6 parameter alpha given invalid value -0.5; allowed: 0 <= alpha <= 1"), r.err);
    }

    @Test
    void maxoutIsNotElementWise() {
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", "maxout", "--x", "0");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.contains("maxout is not element-wise"), r.err);
    }

    @Test
    void defaultGridIsMinusEightToEightInTenths() {
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", "relu");
        assertEquals(Main.OK, r.code, r.toString());
        String[] lines = r.out.split("\n");
        assertEquals(162, lines.length);
        assertEquals("-8.0,0.0,0.0", lines[1]);
        assertEquals("-6.7,0.0,0.0", lines[14]);
        assertEquals("0.1,0.1,1.0", lines[82]);
        assertEquals("8.0,8.0,1.0", lines[161]);
    }

    @Test
    void trainModeRreluUsesOneSlopePerElementWithinTheBounds() {
        CliRunner.Result r = CliRunner.run("activations", "table", "--name", "rrelu(lower=0.1,upper=0.3)",
                "--x", "-1,-1,-1,-1,-1,-1,2", "--mode", "train", "--seed", "7");
        assertEquals(Main.OK, r.code, r.toString());
        String[] lines = r.out.split("\n");
        java.util.Set<String> slopes = new java.util.HashSet<>();
        for (int i = 1; i <= 6; i++) {
            String[] c = lines[i].split(",");
            double f = Double.parseDouble(c[1]);
            double df = Double.parseDouble(c[2]);
            assertTrue(df >= 0.1 && df <= 0.3, lines[i]);
            assertEquals(-df, f, 1e-15, "backprop must use the forward pass's slope: " + lines[i]);
            slopes.add(c[2]);
        }
        assertTrue(slopes.size() > 1, "one slope per element, not one per call: " + r.out);
        assertEquals("2.0,2.0,1.0", lines[7]);
        // the same seed gives the same slopes
        assertEquals(r.out, CliRunner.run("activations", "table", "--name", "rrelu(lower=0.1,upper=0.3)",
                "--x", "-1,-1,-1,-1,-1,-1,2", "--mode", "train", "--seed", "7").out);
    }

    @Test
    void plotWritesAnSvgWithBothPanelsAndALegend(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("sub/act.svg");
        CliRunner.Result r = CliRunner.run("activations", "plot", "--names", "relu,lrelu6(alpha=0.02,cap=5),dice",
                "--out", svg.toString(), "--points", "41");
        assertEquals(Main.OK, r.code, r.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        NodeList lines = doc.getElementsByTagName("polyline");
        assertEquals(6, lines.getLength(), "one polyline per spec in each of the two panels");
        Element first = (Element) lines.item(0);
        assertEquals("relu", first.getAttribute("data-label"));
        assertEquals(41, first.getAttribute("points").split(" ").length);
        assertEquals("lrelu6(alpha=0.02,cap=5,alpha_high=0)", ((Element) lines.item(1)).getAttribute("data-label"));
        assertTrue(Files.readString(svg).contains(">dice(epsilon=1.0E-9,momentum=0.99)</text>"));
        try (var s = Files.list(svg.getParent())) {
            assertEquals(List.of("act.svg"), s.map(p -> p.getFileName().toString()).toList(), "no temp or .crc files");
        }
    }
}
