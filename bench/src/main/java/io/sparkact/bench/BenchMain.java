package io.sparkact.bench;

import io.sparkact.bench.kernels.KernelSection;
import io.sparkact.bench.training.DistributionSection;
import io.sparkact.bench.training.HealthSection;
import io.sparkact.bench.training.ScoringSection;
import io.sparkact.bench.training.SweepSection;
import io.sparkact.bench.training.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code bin/bench [--quick] [--out FILE] [--work DIR] [--only SECTION,...] [--kernel NAME]... [--scale F]}: runs every benchmark in one
 * invocation and writes BENCHMARKS.md (machine, command, date, one table per section). Exit codes as the
 * jobs: 0 ok, 2 bad usage, 1 a benchmark failed.
 */
public final class BenchMain {

    /** Sections in the order of BENCHMARKS.md. */
    static final List<String> SECTIONS = List.of("kernels", "distribution", "sweep", "scoring", "health");
    /**
     * Sections in run order: distribution last, because its gradient-sharing run leaves DL4J 1.0.0-M2's parameter
     * server transport polling in this JVM (the "MessagesExecutorService thread": 4.0-4.7 s of CPU during a 19 s
     * sweep measured after it, per-thread CPU from /proc, and the sweep's two-thread scaling fell from 1.8x to
     * 1.4x); ModelParameterServer.getInstance().shutdown() did not stop it (measured). A train job's JVM ends
     * after its one run, so only in-process sequences like this one pay for it.
     */
    static final List<String> RUN_ORDER = List.of("kernels", "sweep", "scoring", "health", "distribution");

    private BenchMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args));
        } catch (UsageError e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bin/bench [--quick] [--out FILE] [--work DIR] [--only " + String.join(",", SECTIONS) + "] [--kernel NAME]... [--scale F]");
            code = 2;
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(List<String> args) throws Exception {
        boolean quick = false;
        double scale = 1.0;
        Path out = Path.of("BENCHMARKS.md");
        Path work = Path.of("target/bench-work");
        Set<String> only = new LinkedHashSet<>(SECTIONS);
        List<String> kernels = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--only" -> only = sections(value(args, ++i, a));
                case "--kernel" -> kernels.add(value(args, ++i, a));
                case "--scale" -> scale = scale(value(args, ++i, a));
                default -> throw new UsageError("unknown option '" + a + "'");
            }
        }
        Files.createDirectories(work);
        BenchSettings s = new BenchSettings(quick, scale, work.toAbsolutePath(), System.out);
        long t0 = System.nanoTime();
        String loadAtStart = Machine.loadAverage();
        java.util.Map<String, Section> byName = new java.util.HashMap<>();
        Workload workload = null;
        try {
            for (String name : RUN_ORDER) {
                if (!only.contains(name)) {
                    continue;
                }
                long ts = System.nanoTime();
                s.say("== %s ==", name);
                if (!name.equals("kernels") && workload == null) {
                    workload = Workload.start(s); // after the kernels: their forks need the cores to themselves
                }
                byName.put(name, section(name, s, workload, kernels));
                s.say("%s done in %.0f s", name, (System.nanoTime() - ts) / 1e9);
            }
        } finally {
            if (workload != null) {
                workload.close();
            }
        }
        List<Section> done = new ArrayList<>();
        for (String name : SECTIONS) {
            if (byName.containsKey(name)) {
                done.add(byName.get(name));
            }
        }
        done.add(Findings.section());
        double minutes = (System.nanoTime() - t0) / 60e9;
        String md = BenchmarksFile.render(done, String.join(" ", command(args)), ZonedDateTime.now().format(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME), minutes, quick, loadAtStart + " / " + Machine.loadAverage());
        Files.writeString(out, md);
        s.say("wrote %s (%.1f min)", out, minutes);
        return 0;
    }

    private static Section section(String name, BenchSettings s, Workload w, List<String> kernels) throws Exception {
        return switch (name) {
            case "kernels" -> new KernelSection(s, kernels).run();
            case "distribution" -> new DistributionSection(w).run();
            case "sweep" -> new SweepSection(w).run();
            case "scoring" -> new ScoringSection(w).run();
            case "health" -> new HealthSection(w).run();
            default -> throw new IllegalStateException("no section " + name);
        };
    }

    private static List<String> command(List<String> args) {
        List<String> c = new ArrayList<>(List.of("bin/bench"));
        c.addAll(args);
        return c;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageError("option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static double scale(String text) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v <= 10) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageError("--scale given invalid value '" + text + "'; allowed: a number in (0, 10]");
    }

    private static Set<String> sections(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : list.split(",")) {
            String name = p.trim();
            if (!SECTIONS.contains(name)) {
                throw new UsageError("--only given invalid value '" + name + "'; allowed: " + String.join(", ", SECTIONS));
            }
            out.add(name);
        }
        return out;
    }

    /** A bad command line: exit code 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
