package io.sparkact.bench.kernels;

import io.sparkact.bench.BenchSettings;
import io.sparkact.bench.MarkdownTable;
import io.sparkact.bench.Section;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The kernel table: {@link KernelBenchmark} for every catalogue entry, the ND4J alternatives, ND4J's relu
 * and the copy, in one JMH run; each row as time per pass, ratio to ND4J's relu and fraction of the copy's
 * memory bandwidth.
 *
 * <p>Bytes moved, the least any implementation must move: forward reads and writes each element once (8 bytes
 * per float element); forward + backward adds reading x and dL/df and writing dL/dx (12 more), 20 bytes in
 * all. The copy moves 8 bytes per element, so fraction of copy bandwidth = (bytes/time) / (8N/copy time).
 */
public final class KernelSection {

    /** 4M floats, as the issue asks. */
    static final int FULL_ELEMENTS = 1 << 22;
    static final String FORWARD = "forward";
    static final String FORWARD_BACKWARD = "forwardBackward";
    /** Targets of issue 10. */
    static final double MAX_RELU_RATIO = 1.3;
    static final double MIN_COPY_FRACTION = 0.5;

    private final BenchSettings settings;
    private final List<String> only;

    /** @param only kernel names to run (references are always added); empty = all */
    public KernelSection(BenchSettings settings, List<String> only) {
        this.settings = settings;
        this.only = List.copyOf(only);
    }

    /** Every kernel name, references first. */
    static List<String> kernelNames(boolean quick) {
        List<String> names = new ArrayList<>(List.of(Kernels.COPY, Kernels.ND4J_RELU, Kernels.DENSE_RELU));
        List<String> catalogue = Kernels.catalogue();
        if (quick) {
            catalogue = List.of("relu", "hswish", "sigmoid", "dice(epsilon=1e-09,momentum=0.99)", "maxout(pieces=2)");
        }
        for (String spec : catalogue) {
            names.add(spec);
            String name = spec.contains("(") ? spec.substring(0, spec.indexOf('(')) : spec;
            if (!quick && Nd4jChains.names().contains(name) && !spec.contains("trainable")) {
                names.add(Nd4jChains.PREFIX + name);
            }
        }
        return names;
    }

    public Section run() throws RunnerException {
        int elements = settings.quick() ? 1 << 16 : FULL_ELEMENTS;
        List<String> names = kernelNames(settings.quick());
        if (!only.isEmpty()) {
            names = new ArrayList<>(names.subList(0, 3)); // the references
            for (String k : only) {
                if (!names.contains(k)) {
                    names.add(k);
                }
            }
        }
        settings.say("kernels: %d kernels x {forward, forward+backward} on %d floats, one JMH fork each", names.size(),
                elements);
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(KernelBenchmark.class.getName() + "\\.")
                .param("kernel", names.toArray(new String[0]))
                .param("elements", Integer.toString(elements))
                .shouldFailOnError(true);
        if (settings.quick()) {
            o.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(50))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            o.forks(1).warmupIterations(2).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(300))
                    .jvmArgs(forkJvmArgs());
        }
        Runner runner = new Runner(o.build(),
                OutputFormatFactory.createFormatInstance(progressOnly(settings.progress()), VerboseMode.NORMAL));
        Collection<RunResult> results = runner.run();
        return new Section("Activation kernels", KernelReport.render(collect(results), elements));
    }

    /** Fork JVMs: enough heap for a few 16 MB arrays, and the host's JavaCPP cache (natives unpacked once). */
    private static String[] forkJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xmx2g", "-Xms512m"));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            args.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        return args.toArray(new String[0]);
    }

    /** kernel → (pass → median ms per pass), in run order. */
    private static Map<String, Map<String, Double>> collect(Collection<RunResult> results) {
        Map<String, Map<String, Double>> t = new LinkedHashMap<>();
        for (RunResult r : results) {
            String kernel = r.getParams().getParam("kernel");
            String bench = r.getParams().getBenchmark();
            String pass = bench.substring(bench.lastIndexOf('.') + 1);
            // the median pass (sample mode): robust to the other processes of a shared machine
            t.computeIfAbsent(kernel, k -> new LinkedHashMap<>()).put(pass,
                    r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        return t;
    }

    /** JMH's own output reduced to the lines that say which kernel runs and its result. */
    private static PrintStream progressOnly(PrintStream out) {
        return new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    String l = line.toString();
                    if (l.startsWith("# Benchmark:") || l.startsWith("# Parameters:") || l.startsWith("Result \"")
                            || l.contains("p0.50") || l.startsWith("# Run progress") || l.contains("ERROR")
                            || l.contains("Exception")) {
                        out.println("bench: jmh " + l);
                        out.flush();
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** Used by KernelReport for the target columns. */
    static boolean meets(double reluRatio, double copyFraction) {
        return reluRatio <= MAX_RELU_RATIO && copyFraction >= MIN_COPY_FRACTION;
    }

    static String fmt(double v, int d) {
        return MarkdownTable.num(v, d);
    }
}
