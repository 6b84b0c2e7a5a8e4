package io.sparkact.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkact.jobs.cli.CliRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report of fabricated runs in a real headless Chromium (Debian package {@code chromium}; .ci/run
 * installs it): no console errors, every chart present with its data marks, and a non-empty screenshot, which is
 * kept as {@code jobs/target/report-it/report.png} for a person to look at.
 *
 * <p>Console errors are caught two ways, because neither alone sees everything: Chromium's own log
 * ({@code --enable-logging=stderr}) prints every console message as an {@code INFO:CONSOLE} line — the page has no
 * scripts, so any such line is a failure — and a recorder script, put in front of the page's CSP meta tag (a meta
 * CSP applies only to what follows it), writes error events and CSP violations (an attempted fetch) into attributes
 * of the root element, which {@code --dump-dom} shows. A canary page with a deliberate error proves both work.
 */
class ReportChromiumIT {

    private static final String RECORDER = "<script>(function(){var r=document.documentElement;"
            + "function rec(a,m){r.setAttribute(a,(r.getAttribute(a)||'')+'|'+m);}"
            + "window.addEventListener('error',function(e){rec('data-js-errors',e.message||'resource error');},true);"
            + "document.addEventListener('securitypolicyviolation',function(e){rec('data-csp',e.violatedDirective+' '"
            + "+e.blockedURI);});})();</script>\n";
    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path tmp;

    @Test
    void reportRendersWithoutErrorsAndShowsEveryChart() throws Exception {
        String chromium = chromium();
        String[] activations = {"relu", "lrelu6(alpha=0.01,cap=6,alpha_high=0)", "hswish",
                "rrelu(lower=0.125,upper=0.3333333333333333)", "dice(epsilon=1.0E-9,momentum=0.99)",
                "prelu(alpha=0.25)", "sigmoid"};
        for (int i = 0; i < activations.length; i++) {
            MetricsFixtures.trainOutput(tmp.resolve("runs/r" + i), activations[i], 3, i);
        }
        MetricsFixtures.trainOutput(tmp.resolve("runs/r7"), "relu", 3, 5); // a second relu run: error bars
        Path keep = Path.of("target", "report-it").toAbsolutePath();
        deleteTree(keep);
        Files.createDirectories(keep);
        Path report = keep.resolve("report.html");
        CliRunner.Result r = CliRunner.run("report", "--set", "report.inputs=" + tmp.resolve("runs/*"), "--set",
                "output=" + report);
        assertEquals(0, r.code, r.toString());

        Path page = keep.resolve("instrumented.html");
        Files.writeString(page, instrument(Files.readString(report)));
        Rendered dom = chromium(chromium, "--dump-dom", page);
        assertEquals(List.of(), dom.consoleLines(), "console messages");
        assertEquals("<html lang=\"en\">", rootTag(dom.stdout), "no error events or CSP violations (fetch attempts)");

        assertEquals(2, marks(dom.stdout, "chart-curves", "polyline class=\"series\"") / 7, "f and f' of 7");
        for (String id : MetricSection.IDS) {
            boolean dots = id.equals("chart-auc") || id.equals("chart-logloss"); // fitted axes: dots, not bars
            String mark = dots ? "circle class=\"dot\"" : "rect class=\"bar\"";
            assertEquals(7, marks(dom.stdout, id, mark), id + ": one mark per activation");
            assertEquals(1, marks(dom.stdout, id, "path class=\"errorbar\""), id + ": error bar for relu's 2 runs");
        }
        assertEquals(7 * 3, marks(dom.stdout, "chart-val-auc", "circle class=\"point\""), "7 activations × 3 epochs");
        for (String layer : new String[] {"h0", "h1", "h2"}) {
            assertEquals(7 * 3, marks(dom.stdout, "chart-dead-" + layer, "circle class=\"point\""), layer);
        }
        assertEquals(7, marks(dom.stdout, "chart-grad-norm", "polyline class=\"series\""), "one line per activation");
        // curves: f and f'; metrics: summary and every run; val AUC; dead units; gradient norms
        assertEquals(7, dom.stdout.split("<table>", -1).length - 1, "tables behind the charts");

        Path png = keep.resolve("report.png");
        chromium(chromium, "--screenshot=" + png, page, "--window-size=1280,8000"); // the whole page, ~7400 px
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "screenshot of " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void canaryErrorsAreDetected() throws Exception {
        String chromium = chromium();
        Path page = tmp.resolve("canary.html");
        // the canary script sits between the recorder and the CSP meta tag, where inline scripts still run
        Files.writeString(page, instrument("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<script>console.error("
                + "'canary-console'); undefinedCall();</script>\n<meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"" + ReportPage.CSP + "\">\n</head><body><img src=\"http://127.0.0.1:9/x.png\">"
                + "<p>canary</p></body></html>\n"));
        Rendered dom = chromium(chromium, "--dump-dom", page);
        assertTrue(dom.consoleLines().stream().anyMatch(l -> l.contains("canary-console")), dom.stderr);
        // the blocked image also fires an error event on the img (captured: "resource error")
        assertEquals("<html lang=\"en\" data-js-errors=\"|Uncaught ReferenceError: undefinedCall is not defined"
                + "|resource error\" data-csp=\"|img-src http://127.0.0.1:9/x.png\">", rootTag(dom.stdout));
    }

    /** The recorder goes first in head, before the page's CSP meta, which would otherwise block it. */
    private static String instrument(String html) {
        assertTrue(html.contains("<head>\n"), "page has a head");
        return html.replaceFirst("<head>\n", "<head>\n" + Matcher.quoteReplacement(RECORDER));
    }

    /** Count of a mark inside the svg with the given id (between its start tag and its closing tag). */
    private static int marks(String dom, String id, String mark) {
        Matcher m = Pattern.compile("<svg[^>]*\\bid=\"" + Pattern.quote(id) + "\"").matcher(dom);
        if (!m.find()) {
            fail("no <svg id=\"" + id + "\"> in the rendered DOM");
        }
        String svg = dom.substring(m.start(), dom.indexOf("</svg>", m.start()));
        return svg.split("<" + Pattern.quote(mark), -1).length - 1;
    }

    private static String rootTag(String dom) {
        int i = dom.indexOf("<html");
        return i < 0 ? dom : dom.substring(i, dom.indexOf('>', i) + 1);
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        fail("chromium is not on the PATH: install the Debian package 'chromium' (.ci/run does)");
        return null;
    }

    /** What one headless run printed. */
    private record Rendered(String stdout, String stderr) {
        List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    /** Runs headless Chromium on a file with its own profile; kills it (and its children) after the timeout. */
    private Rendered chromium(String exe, String action, Path page, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(exe, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, action));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = tmp.resolve("chromium.out");
        Path err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, p.exitValue(), "chromium exit code; stderr:\n" + Files.readString(err));
        return new Rendered(Files.readString(out), Files.readString(err));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
