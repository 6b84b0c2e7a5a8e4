package io.sparkact.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands configured input paths into the data files they name, on any Hadoop FileSystem.
 *
 * <p>A path is a file, a directory (all files below it, recursively) or a glob (Hadoop glob syntax). Files
 * and directories whose name starts with {@code _} or {@code .} are skipped below a directory, as Hadoop
 * and Spark do ({@code _SUCCESS}, {@code .crc}); so are empty files, which hold no rows.
 */
final class InputPaths {

    private InputPaths() { }

    /** The data files of every path, fully qualified, in a stable (sorted per path) order. */
    static List<Path> resolve(List<String> paths, Configuration conf) {
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            files.addAll(resolveOne(p, conf));
        }
        return files;
    }

    private static List<Path> resolveOne(String text, Configuration conf) {
        Path path = new Path(text);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                if (isGlob(text)) {
                    throw new InputException("input path " + text + " is a glob that matches no file");
                }
                throw new InputException("input path " + text + " does not exist");
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    files.addAll(listDirectory(fs, m.getPath()));
                } else if (m.getLen() > 0) {
                    files.add(m.getPath());
                }
            }
            files.sort(null);
            if (files.isEmpty()) {
                throw new InputException("input path " + text + " holds no data files"
                        + " (directories are searched recursively; names starting with _ or . and empty files are skipped)");
            }
            return files;
        } catch (IOException e) {
            throw new InputException("input path " + text + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<Path> listDirectory(FileSystem fs, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        int depth = dir.depth();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus st = it.next();
            if (st.getLen() > 0 && !hiddenBelow(st.getPath(), depth)) {
                files.add(st.getPath());
            }
        }
        return files;
    }

    /** True if any path component below depth {@code depth} is hidden (starts with _ or .). */
    private static boolean hiddenBelow(Path p, int depth) {
        for (Path q = p; q != null && q.depth() > depth; q = q.getParent()) {
            String name = q.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
    }
}
