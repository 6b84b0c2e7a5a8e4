package io.sparkact.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.BadConfigRows.Bad;
import io.sparkact.jobs.cli.BadConfigRows.Kind;
import io.sparkact.jobs.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config key of every configured job, given a wrong type, an out-of-range value and (where the job checks
 * more than the schema can say) a value its own check refuses: exit 2, nothing on stdout, and exactly
 * "sparkact JOB: MESSAGE" plus the help hint on stderr. One unknown key per job gets its did-you-mean. The rows
 * are in {@link BadConfigRows}; the keys come from the jobs' schemas, so a key without rows fails
 * {@link #everyKeyOfEveryJobHasBadValueRows()}. No row reaches a Spark session: each fails while the
 * configuration loads or in the checks a job makes before it starts Spark.
 */
class BadConfigTableTest {

    @TempDir
    static Path tmp;

    /** The jobs whose command line is a configuration (all but activations). */
    static Map<String, ConfiguredJob> configured() {
        Map<String, ConfiguredJob> m = new LinkedHashMap<>();
        for (Job j : Main.jobs().values()) {
            if (j instanceof ConfiguredJob c) {
                m.put(j.name(), c);
            }
        }
        return m;
    }

    /** Valid values for the keys a job needs before it gets as far as the key under test. */
    static Map<String, String> baseSets(ConfiguredJob job) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (ConfigKey k : job.schema().keys()) {
            if (k.required()) {
                sets.put(k.name(), tmp.resolve(job.name() + "-" + k.name()).toString()); // paths that do not exist
            }
        }
        if (job.name().equals("retrain")) { // required by retrain's own check unless --rollback
            sets.put("input.train", tmp.resolve("retrain-train").toString());
            sets.put("input.valid", tmp.resolve("retrain-valid").toString());
        }
        return sets;
    }

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        for (ConfiguredJob job : configured().values()) {
            for (ConfigKey k : job.schema().keys()) {
                List<Bad> bads = BadConfigRows.of(job.name(), k.name());
                for (Bad b : bads == null ? List.<Bad>of() : bads) {
                    out.add(Arguments.of(job.name(), k.name(), b));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("rows")
    void badValueIsAUsageErrorNamingKeyValueAndWhatIsAllowed(String jobName, String key, Bad bad) throws IOException {
        ConfiguredJob job = configured().get(jobName);
        Map<String, String> sets = baseSets(job);
        List<String> args = new ArrayList<>(List.of(jobName));
        String where;
        if (bad.hocon()) {
            sets.remove(key); // --set would win over the file
            Path conf = Files.writeString(tmp.resolve(jobName + "-" + key + "-" + Math.abs(bad.value().hashCode()) + ".conf"),
                    key + " = " + bad.value() + "\n");
            args.add("--config");
            args.add(conf.toString());
            where = conf + " line 1";
        } else {
            sets.put(key, bad.value());
            where = "--set " + key;
        }
        sets.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        String message = bad.kind() == Kind.VALUE ? bad.message()
                : "config key " + key + " given invalid value '" + bad.shown() + "' (" + where + "); allowed: "
                        + bad.allowed();
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(Main.USAGE, r.code, r.toString());
        assertEquals("sparkact " + jobName + ": " + message + "\nRun 'sparkact " + jobName + " --help' for usage.\n", r.err);
        assertEquals("", r.out);
    }

    static Stream<Arguments> unknownKeys() {
        return BadConfigRows.UNKNOWN.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownKeys")
    void unknownKeySuggestsTheClosestOne(String jobName, String typo, String suggestion) throws IOException {
        Map<String, String> sets = baseSets(configured().get(jobName));
        sets.put(typo, "1");
        List<String> args = new ArrayList<>(List.of(jobName));
        sets.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(Main.USAGE, r.code, r.toString());
        assertEquals("sparkact " + jobName + ": unknown config key '" + typo + "' (--set " + typo + "); did you mean '"
                + suggestion + "'? Run 'sparkact " + jobName + " --help' for the valid keys.\nRun 'sparkact " + jobName
                + " --help' for usage.\n", r.err);

        // the same typo in a --config file names the file and line
        Path conf = Files.writeString(tmp.resolve(jobName + "-typo.conf"), "# line 1\n\n" + typo + " = 1\n");
        sets.remove(typo);
        args.clear();
        args.addAll(List.of(jobName, "--config", conf.toString()));
        sets.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(Main.USAGE, r.code, r.toString());
        assertEquals("sparkact " + jobName + ": unknown config key '" + typo + "' (" + conf + " line 3); did you mean '"
                + suggestion + "'? Run 'sparkact " + jobName + " --help' for the valid keys.\nRun 'sparkact " + jobName
                + " --help' for usage.\n", r.err);
    }

    /**
     * The table covers the schemas: every key of every job has a wrong-type row, and a key with a range, a list of
     * choices or required text has an out-of-range row; every job has an unknown-key row; and no row is stale.
     */
    @Test
    void everyKeyOfEveryJobHasBadValueRows() {
        List<String> missing = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (ConfiguredJob job : configured().values()) {
            if (!BadConfigRows.UNKNOWN.containsKey(job.name())) {
                missing.add(job.name() + ": no unknown-key row");
            }
            for (ConfigKey k : job.schema().keys()) {
                used.add(k.name());
                List<Bad> bads = BadConfigRows.of(job.name(), k.name());
                String at = job.name() + " " + k.name();
                if (bads == null) {
                    missing.add(at + ": no rows");
                    continue;
                }
                if (bads.stream().noneMatch(b -> b.kind() == Kind.TYPE)) {
                    missing.add(at + ": no wrong-type row");
                }
                boolean ranged = k.range() != null || k.type() == ConfigKey.Type.ENUM
                        || (k.required() && k.type() == ConfigKey.Type.STRING);
                if (ranged && bads.stream().noneMatch(b -> b.kind() == Kind.RANGE)) {
                    missing.add(at + ": no out-of-range row for " + k.allowed());
                }
            }
        }
        assertEquals(List.of(), missing);
        Set<String> rowKeys = new HashSet<>(BadConfigRows.COMMON.keySet());
        BadConfigRows.BY_JOB.values().forEach(m -> rowKeys.addAll(m.keySet()));
        rowKeys.removeAll(used);
        assertEquals(Set.of(), rowKeys, "rows for keys no job has");
        assertTrue(rows().count() > 200, "the table has rows");
    }
}
