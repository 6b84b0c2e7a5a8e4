package io.sparkact.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the numbers were measured on: CPU model and count (from /proc/cpuinfo), memory (/proc/meminfo), the
 * Java runtime and the operating system. Missing files (not Linux) give "unknown".
 */
public final class Machine {

    private Machine() {
    }

    /** One Markdown bullet list. */
    public static String describe() {
        return "- CPU: " + cpu(read("/proc/cpuinfo")) + "\n"
                + "- memory: " + memory(read("/proc/meminfo")) + "\n"
                + "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n";
    }

    /**
     * The 1-minute load average from /proc/loadavg ("unknown" elsewhere): above the CPU count, other processes
     * competed for the cores while the benchmarks ran.
     */
    public static String loadAverage() {
        List<String> l = read("/proc/loadavg");
        return l.isEmpty() ? "unknown" : l.get(0).split("\\s+")[0];
    }

    /** "Intel(R) Xeon(R) ... x 2 logical CPUs" from the lines of /proc/cpuinfo. */
    static String cpu(List<String> cpuinfo) {
        String model = "unknown";
        int count = 0;
        for (String l : cpuinfo) {
            if (l.startsWith("processor")) {
                count++;
            } else if (l.startsWith("model name") && model.equals("unknown")) {
                model = l.substring(l.indexOf(':') + 1).trim();
            }
        }
        if (count == 0) {
            count = Runtime.getRuntime().availableProcessors();
        }
        return model + " x " + count + " logical CPUs (" + Runtime.getRuntime().availableProcessors()
                + " available to the JVM)";
    }

    /** "23.4 GiB" from the MemTotal line of /proc/meminfo. */
    static String memory(List<String> meminfo) {
        for (String l : meminfo) {
            if (l.startsWith("MemTotal:")) {
                String[] parts = l.substring("MemTotal:".length()).trim().split("\\s+");
                double kib = Double.parseDouble(parts[0]);
                return String.format(Locale.ROOT, "%.1f GiB", kib / (1024 * 1024));
            }
        }
        return "unknown";
    }

    private static List<String> read(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
