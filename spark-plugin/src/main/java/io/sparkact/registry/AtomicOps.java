package io.sparkact.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The two primitives the registry's guarantees rest on, chosen per file system because Hadoop's generic API
 * does not make them atomic everywhere:
 *
 * <ul>
 *   <li><b>Exclusive create</b> (a version number is taken by exactly one run). HDFS:
 *       {@code FileSystem.create(path, overwrite=false)} is one NameNode operation under the namespace lock,
 *       so of two racing clients exactly one succeeds and the other gets FileAlreadyExistsException (or
 *       AlreadyBeingCreatedException while the winner still holds the lease). Local FS: Hadoop's
 *       RawLocalFileSystem checks {@code exists} and then opens the file, a check-then-act race in which both
 *       racers "win"; {@code mkdirs} returns true for an existing directory on both file systems, so neither
 *       can allocate. Locally this class uses {@code java.nio.file.Files.createFile} (open with O_CREAT|O_EXCL).</li>
 *   <li><b>Replace a file</b> (the champion alias is never missing or half-written). HDFS:
 *       {@code FileContext.rename(tmp, target, OVERWRITE)} is the NameNode's rename2, one atomic operation;
 *       plain {@code FileSystem.rename} refuses an existing target, and delete + rename leaves a moment with no
 *       alias. Local FS: Hadoop implements OVERWRITE as delete + rename, so this class uses
 *       {@code Files.move(ATOMIC_MOVE)}, i.e. POSIX rename(2), which replaces the target atomically.</li>
 * </ul>
 *
 * Other file systems (s3a, abfs, ...) get the HDFS code path, whose atomicity is then theirs: object stores
 * have no atomic rename or exclusive create, so concurrent retrains there need an external lock.
 */
public final class AtomicOps {

    private AtomicOps() {
    }

    /** Creates an empty file at {@code path} if nothing is there; true if this call created it. Parents are made. */
    public static boolean createExclusive(FileSystem fs, Path path) throws IOException {
        Path p = fs.makeQualified(path);
        if (isLocal(fs)) {
            java.nio.file.Path local = local(p);
            Files.createDirectories(local.getParent());
            try {
                Files.createFile(local);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        fs.mkdirs(p.getParent());
        try {
            fs.create(p, false).close();
            return true;
        } catch (IOException e) {
            // FileAlreadyExistsException, or AlreadyBeingCreatedException while the winner still writes it
            if (fs.exists(p)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target} and replaces {@code target} with it in one
     * atomic step: a reader sees the old content or the new, never none and never a part.
     */
    public static void replaceFile(FileSystem fs, Configuration conf, Path target, byte[] bytes) throws IOException {
        Path t = fs.makeQualified(target);
        Path tmp = new Path(t.getParent(), "." + t.getName() + ".tmp-" + UUID.randomUUID());
        fs.mkdirs(t.getParent());
        try {
            try (OutputStream out = fs.create(tmp, false)) {
                out.write(bytes);
            }
            if (isLocal(fs)) {
                Files.move(local(tmp), local(t), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                FileContext.getFileContext(fs.getUri(), conf).rename(tmp, t, Options.Rename.OVERWRITE);
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    private static java.nio.file.Path local(Path qualified) {
        return java.nio.file.Path.of(qualified.toUri());
    }
}
