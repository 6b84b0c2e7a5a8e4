package io.sparkact.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small files written atomically through the Hadoop FileSystem API. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** The FileSystem of {@code path}; local paths without a scheme are file://. Checksum files are not written. */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        // LocalFileSystem would leave a .crc file beside every output; users' scripts do not expect them.
        fs.setWriteChecksum(false);
        return fs;
    }

    /**
     * Writes {@code bytes} to a hidden temporary file in the target's directory and renames it over the
     * target, so a reader never sees a half-written file. Parent directories are created.
     */
    public static void writeAtomically(String target, byte[] bytes) throws IOException {
        writeAtomically(new Configuration(), target, bytes);
    }

    /** As {@link #writeAtomically(String, byte[])} with the given Hadoop configuration (e.g. Spark's). */
    public static void writeAtomically(Configuration conf, String target, byte[] bytes) throws IOException {
        Path path = new Path(target);
        FileSystem fs = fileSystem(path, conf);
        Path dir = path.getParent() == null ? new Path(".") : path.getParent();
        fs.mkdirs(dir);
        Path tmp = new Path(dir, "." + path.getName() + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, false)) {
            out.write(bytes);
        }
        // HDFS rename does not replace an existing file: remove the old one first.
        if (fs.exists(path) && !fs.delete(path, false)) {
            fs.delete(tmp, false);
            throw new IOException("cannot replace existing file " + path);
        }
        if (!fs.rename(tmp, path)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + path);
        }
    }
}
