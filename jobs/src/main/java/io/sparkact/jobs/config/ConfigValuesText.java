package io.sparkact.jobs.config;

import java.util.List;
import java.util.stream.Collectors;

/** Values written back as --set text, for jobs that run other jobs' configurations. */
public final class ConfigValuesText {

    private ConfigValuesText() {
    }

    /** [256, 128] as "256,128". */
    public static String ints(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
