package io.sparkact.jobs.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@code bin/sparkact JOB ...} run as a child JVM (the launcher {@code exec}s java, so the child's PID is the
 * driver JVM's), stdout and stderr to files in {@code dir}. {@link #kill()} sends SIGKILL to that PID and to every
 * process it started; {@link #close()} does the same for a run still alive, so a failed test leaves no JVM behind.
 */
public final class ChildJob implements AutoCloseable {

    static final Path ROOT = findRoot();

    private final Process process;
    private final Path out;
    private final Path err;
    private final String label;

    private ChildJob(Process process, Path out, Path err, String label) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.label = label;
    }

    /** Starts {@code bin/sparkact args...} in {@code dir} with 1 GB of driver heap; output in dir/NAME.{out,err}. */
    public static ChildJob start(Path dir, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/sparkact").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("SPARKACT_DRIVER_MEMORY", "1g");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildJob(p, out, err, name);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits for the end; returns the exit code. */
    public int await(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(label + " did not finish within " + timeout + "; killed\n" + this);
        }
        return process.exitValue();
    }

    /**
     * Polls {@code condition} every 50 ms until it holds; fails if the job ends first or {@code timeout} passes.
     */
    public void awaitCondition(String what, BooleanSupplier condition, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(label + " ended (exit " + process.exitValue() + ") before " + what + "\n" + this);
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new AssertionError("no " + what + " within " + timeout + "\n" + this);
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL to the driver JVM and its descendants (by PID), then waits until they are gone. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(0, process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("PID " + h.pid() + " survived SIGKILL for 30 s", e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            kill();
        }
    }

    @Override
    public String toString() {
        try {
            return "--- " + label + " stdout\n" + stdout() + "\n--- " + label + " stderr (tail)\n" + tail(stderr(), 60);
        } catch (IOException e) {
            return label + ": output unreadable: " + e;
        }
    }

    public static String tail(String text, int lines) {
        String[] l = text.split("\n");
        return String.join("\n", java.util.Arrays.asList(l).subList(Math.max(0, l.length - lines), l.length));
    }

    private static Path findRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isExecutable(q.resolve("bin/sparkact"))) {
                return q;
            }
        }
        throw new IllegalStateException("no bin/sparkact in " + p + " or above: run from the repository");
    }
}
