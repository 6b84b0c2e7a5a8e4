package io.sparkact.plugin;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fails an executor at start, with a message that says what is missing, when ND4J's native CPU backend cannot load
 * — instead of the first training task failing later with a bare {@code UnsatisfiedLinkError} or
 * {@code NoClassDefFoundError: Could not initialize class org.nd4j.linalg.factory.Nd4j}.
 */
public final class NativeBackend {

    /** What SparkAct ships natives for (STACK.md: nd4j-native plus classifier linux-x86_64 only). */
    static final String SUPPORTED = "linux-x86_64";

    private NativeBackend() {
    }

    /** Loads ND4J's backend (class initialisation loads libnd4jcpu and OpenBLAS through JavaCPP). */
    static void loadNd4j() {
        Nd4j.getBackend();
        Nd4j.create(1).addi(1); // one op: the native library is really callable, not only found
    }

    /**
     * Runs {@code load}; a failure becomes an {@link IllegalStateException} naming this JVM's platform and what is
     * required, with the original error as its cause.
     */
    static void require(Runnable load) {
        try {
            load.run();
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException(message(System.getProperty("os.name"), System.getProperty("os.arch"), e), e);
        }
    }

    static String message(String osName, String osArch, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "SparkActPlugin: ND4J's native CPU backend could not be loaded on this executor (os.name=" + osName
                + ", os.arch=" + osArch + ", platform classifier " + classifier(osName, osArch) + "): " + root
                + ". Required: org.nd4j:nd4j-native:1.0.0-M2 with classifier " + SUPPORTED
                + " (it brings libnd4jcpu and OpenBLAS) on the executor class path, as in sparkact-jobs.jar;"
                + " SparkAct supports " + SUPPORTED + " executors only";
    }

    /** JavaCPP's platform name for an os.name / os.arch pair (e.g. Linux/amd64 → linux-x86_64). */
    static String classifier(String osName, String osArch) {
        String os = osName == null ? "unknown" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac")) {
            os = "macosx";
        } else if (os.startsWith("windows")) {
            os = "windows";
        }
        String arch = osArch == null ? "unknown" : osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86-64":
            case "x86_64":
                arch = "x86_64";
                break;
            case "aarch64":
            case "arm64":
                arch = "arm64";
                break;
            default:
                break;
        }
        return os + "-" + arch;
    }
}
