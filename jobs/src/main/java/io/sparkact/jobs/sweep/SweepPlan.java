package io.sparkact.jobs.sweep;

import io.sparkact.jobs.config.ConfigKey;
import io.sparkact.jobs.config.JobConfig;
import io.sparkact.jobs.train.TrainJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The trials of a sweep config, in the order they are run: grid — activation (each template's grid specs)
 * × swept parameters (sweep key order, each value list in order) × seeds; random — {@code sweep.trials}
 * draws with {@code sweep.random_seed} (activation template uniformly, then each parameter), each × seeds;
 * halving — the grid, or the random draws when a range is given, as the first rung's configurations
 * (later rungs are chosen from results, see {@link HalvingRun}). Trials with the same id are run once. Built before Spark starts: every usage
 * error of the sweep keys is raised here.
 */
final class SweepPlan {

    private final JobConfig sweep;
    private final List<Map<String, Object>> settings;
    private final List<Long> seeds;
    private final List<Integer> rungs;
    private final List<Trial> trials;
    private final String strategy;

    private SweepPlan(JobConfig sweep, List<Map<String, Object>> settings, List<Long> seeds, List<Integer> rungs) {
        this.sweep = sweep;
        this.settings = List.copyOf(settings);
        this.seeds = List.copyOf(seeds);
        this.rungs = List.copyOf(rungs);
        this.strategy = sweep.string(SweepKeys.STRATEGY);
        this.trials = trials(settings, rungs.isEmpty() ? null : rungs.get(0));
    }

    /** The trials to run: every trial for grid and random, the first rung's for halving. */
    List<Trial> trials() {
        return trials;
    }

    String strategy() {
        return strategy;
    }

    /** The configurations without their seeds (swept train key → value), in plan order. */
    List<Map<String, Object>> settings() {
        return settings;
    }

    /** Halving: the epochs of each rung; empty for the other strategies. */
    List<Integer> rungs() {
        return rungs;
    }

    /**
     * The trials of {@code settings} × seeds, with {@code training.epochs} set to {@code epochs} unless null.
     * Trials with the same id (a random draw repeated) appear once.
     */
    List<Trial> trials(List<Map<String, Object>> settings, Integer epochs) {
        Map<String, Trial> byId = new LinkedHashMap<>();
        for (Map<String, Object> params : settings) {
            for (long seed : seeds) {
                Map<String, Object> p = new LinkedHashMap<>(params);
                if (epochs != null) {
                    p.put("training.epochs", epochs);
                }
                p.put("training.seed", seed);
                Trial t = Trial.of(p, trainConfig(sweep, p));
                byId.putIfAbsent(t.id(), t);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Successive halving's rungs (Jamieson and Talwalkar, "Non-stochastic best arm identification and
     * hyperparameter optimization", AISTATS 2016): min_epochs, then × eta while below max_epochs, ending at
     * max_epochs, e.g. 1, 3, 9.
     */
    static List<Integer> rungs(int min, int max, int eta) {
        List<Integer> r = new ArrayList<>();
        for (long e = min; e < max; e *= eta) {
            r.add((int) e);
        }
        r.add(max);
        return r;
    }

    static SweepPlan of(JobConfig c) {
        String strategy = c.string(SweepKeys.STRATEGY);
        boolean grid = strategy.equals("grid") || strategy.equals("halving") && !hasRange(c);
        List<ActivationTemplate> templates = new ArrayList<>();
        for (String a : c.strings(SweepKeys.ACTIVATIONS)) {
            ActivationTemplate t = ActivationTemplate.parse(a);
            if (grid && t.hasRange()) {
                throw SweepErrors.invalid(SweepKeys.ACTIVATIONS, a, gridOnly());
            }
            templates.add(t);
        }
        if (templates.isEmpty()) {
            throw SweepErrors.invalid(SweepKeys.ACTIVATIONS, "[]", "at least one activation spec");
        }
        List<Dimension> dims = new ArrayList<>();
        for (Map.Entry<String, String> e : SweepKeys.NUMERIC.entrySet()) {
            ConfigKey target = TrainJob.SCHEMA.key(e.getValue());
            Dimension d = Dimension.parse(e.getKey(), target, c.strings(e.getKey()));
            if (d != null && grid && !d.isGrid()) {
                throw SweepErrors.invalid(e.getKey(), c.strings(e.getKey()), gridOnly());
            }
            if (d != null) {
                dims.add(d);
            }
        }
        List<Long> seeds = new ArrayList<>();
        c.ints(SweepKeys.SEEDS).forEach(s -> seeds.add((long) s));
        if (seeds.isEmpty()) {
            seeds.add(c.longValue("training.seed"));
        }
        List<Map<String, Object>> configs = grid ? gridConfigs(templates, dims)
                : randomConfigs(templates, dims, c.integer(SweepKeys.TRIALS), c.longValue(SweepKeys.RANDOM_SEED));
        List<Integer> rungs = List.of();
        if (strategy.equals("halving")) {
            int min = c.integer(SweepKeys.MIN_EPOCHS);
            if (c.integer(SweepKeys.MAX_EPOCHS) < min) {
                throw SweepErrors.invalid(SweepKeys.MAX_EPOCHS, String.valueOf(c.integer(SweepKeys.MAX_EPOCHS)),
                        "an integer >= sweep.halving.min_epochs (" + min + ")");
            }
            if (c.string(SweepKeys.EXECUTION).equals("data-parallel")) {
                throw SweepErrors.invalid(SweepKeys.EXECUTION, "data-parallel", "trial-parallel or auto with "
                        + "sweep.strategy=halving (rungs resume single-process checkpoints)");
            }
            rungs = rungs(min, c.integer(SweepKeys.MAX_EPOCHS), c.integer(SweepKeys.ETA));
        }
        return new SweepPlan(c, configs, seeds, rungs);
    }

    /** True when an activation or a numeric parameter is given as a random range. */
    private static boolean hasRange(JobConfig c) {
        for (String a : c.strings(SweepKeys.ACTIVATIONS)) {
            if (ActivationTemplate.parse(a).hasRange()) {
                return true;
            }
        }
        return SweepKeys.NUMERIC.keySet().stream().anyMatch(k -> !c.strings(k).isEmpty()
                && SearchRange.Kind.named(c.strings(k).get(0)) != null);
    }

    private static String gridOnly() {
        return "grid lists only with sweep.strategy=grid (a random range needs sweep.strategy=random)";
    }

    private static List<Map<String, Object>> gridConfigs(List<ActivationTemplate> templates, List<Dimension> dims) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ActivationTemplate t : templates) {
            for (String spec : t.gridSpecs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model.activation", spec);
                out.add(m);
            }
        }
        for (Dimension d : dims) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : d.grid()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(d.target().name(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static List<Map<String, Object>> randomConfigs(List<ActivationTemplate> templates, List<Dimension> dims,
                                                           int n, long seed) {
        Random r = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model.activation", templates.get(r.nextInt(templates.size())).sample(r));
            for (Dimension d : dims) {
                m.put(d.target().name(), d.sample(r));
            }
            out.add(m);
        }
        return out;
    }

    /** The base train config (the sweep config's train keys) with {@code params} set and output = OUTPUT/best. */
    static JobConfig trainConfig(JobConfig sweep, Map<String, Object> params) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (ConfigKey k : TrainJob.SCHEMA.keys()) {
            if (sweep.schema().has(k.name())) {
                sets.put(k.name(), JobConfig.hocon(sweep.values().get(k.name())));
            }
        }
        params.forEach((k, v) -> sets.put(k, JobConfig.hocon(v)));
        sets.put("output", JobConfig.hocon(sweep.string("output") + "/best"));
        return JobConfig.load(TrainJob.SCHEMA, null, sets);
    }
}
