package io.sparkact.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code /dev/shm/aeron-*} directories that appear while a cluster runs: Aeron (used by DL4J's
 * SharedTrainingMaster) leaves ~32 MB per run there (STACK.md, "Disk hygiene"). A snapshot is taken at start;
 * {@link #removeNew()} deletes the entries that appeared since, belong to this user and are mapped by no running
 * process other than this JVM — so a media driver of a parallel run is never touched, while this JVM's own driver
 * files (the test's SparkSession) may go: on Linux a deleted mapped file stays valid until unmapped.
 */
final class AeronFiles {

    static final Path SHM = Path.of("/dev/shm");

    private final Set<Path> before;

    private AeronFiles(Set<Path> before) {
        this.before = before;
    }

    /** Remembers the Aeron directories that exist now. */
    static AeronFiles snapshot() {
        return new AeronFiles(list());
    }

    /** Deletes what appeared since the snapshot (see the class comment); returns what was deleted. */
    List<Path> removeNew() {
        List<Path> removed = new ArrayList<>();
        Set<String> inUse = mappedByOthers();
        for (Path p : list()) {
            if (before.contains(p) || !ownedByMe(p) || inUse.stream().anyMatch(m -> m.startsWith(p + "/"))) {
                continue;
            }
            deleteTree(p);
            removed.add(p);
        }
        return removed;
    }

    static Set<Path> list() {
        Set<Path> out = new TreeSet<>();
        if (!Files.isDirectory(SHM)) {
            return out;
        }
        try (Stream<Path> s = Files.list(SHM)) {
            s.filter(p -> p.getFileName().toString().startsWith("aeron-")).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + SHM, e);
        }
        return out;
    }

    private static boolean ownedByMe(Path p) {
        try {
            return Files.getOwner(p).getName().equals(System.getProperty("user.name"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Paths under /dev/shm/aeron-* that some other live process has mapped (its /proc/PID/maps). */
    private static Set<String> mappedByOthers() {
        Set<String> mapped = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                    .forEach(p -> readMaps(p.resolve("maps"), mapped));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return mapped;
    }

    private static void readMaps(Path maps, Set<String> into) {
        try (Stream<String> lines = Files.lines(maps)) {
            lines.filter(l -> l.contains("/dev/shm/aeron-"))
                    .forEach(l -> into.add(l.substring(l.indexOf("/dev/shm/aeron-"))));
        } catch (IOException | UncheckedIOException e) {
            // the process ended or is not ours to read: it maps nothing we may delete
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
