package io.sparkact.registry;

import org.apache.hadoop.fs.Path;

/**
 * Where everything of one registered model lives: {@code ROOT/NAME/versions/N/...}, {@code aliases/champion},
 * {@code decisions/N.json}, and the registry's private {@code claims/}, {@code _staging/} and {@code _trash/}.
 * Only names; no I/O.
 */
public final class RegistryLayout {

    /** Files of a complete version, {@link #SUCCESS} written last (before the version is renamed into place). */
    public static final String MODEL = "model.zip";
    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.json";
    public static final String SUCCESS = "_SUCCESS";
    public static final String CHAMPION = "champion";

    private final Path base;

    /**
     * @param root the registry root (any Hadoop FileSystem URI)
     * @param name the model's name: letters, digits, '.', '_' and '-', not starting with '.' or '_'
     */
    public RegistryLayout(String root, String name) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("registry.root given invalid value '" + root
                    + "'; allowed: a directory path or URI");
        }
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("registry.name given invalid value '" + name
                    + "'; allowed: letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        this.base = new Path(new Path(root), name);
    }

    public Path base() { return base; }
    public Path versions() { return new Path(base, "versions"); }
    public Path version(int n) { return new Path(versions(), Integer.toString(n)); }
    public Path aliases() { return new Path(base, "aliases"); }
    public Path champion() { return new Path(aliases(), CHAMPION); }
    public Path decisions() { return new Path(base, "decisions"); }
    public Path decision(int n) { return new Path(decisions(), n + ".json"); }
    /** One empty file per version number ever taken: created exclusively, never deleted, so no number is reused. */
    public Path claims() { return new Path(base, "claims"); }
    public Path claim(int n) { return new Path(claims(), Integer.toString(n)); }
    /** Versions being written: a hidden name, so no reader of versions/ ever sees one half-written. */
    public Path staging() { return new Path(base, "_staging"); }
    /** Versions being deleted: moved here first, so a half-deleted version is never visible under versions/. */
    public Path trash() { return new Path(base, "_trash"); }
    /** Where a retrain of version N puts the rows it quarantined (the train job's OUTPUT/quarantine). */
    public Path quarantine(int n) { return new Path(new Path(base, "quarantine"), Integer.toString(n)); }

    /** Version N's directory, or null when {@code name} is not a version number (1, 2, ...). */
    static Integer versionNumber(String name) {
        if (!name.matches("[1-9][0-9]{0,8}")) {
            return null;
        }
        return Integer.valueOf(name);
    }
}
