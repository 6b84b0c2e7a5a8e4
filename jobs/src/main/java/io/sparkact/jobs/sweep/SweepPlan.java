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
 * draws with {@code sweep.random_seed} (activation template uniformly, then each parameter), each × seeds.
 * Trials with the same id (a random draw repeated) are run once. Built before Spark starts: every usage
 * error of the sweep keys is raised here.
 */
final class SweepPlan {

    private final List<Trial> trials;
    private final String strategy;

    private SweepPlan(List<Trial> trials, String strategy) {
        this.trials = List.copyOf(trials);
        this.strategy = strategy;
    }

    List<Trial> trials() {
        return trials;
    }

    String strategy() {
        return strategy;
    }

    static SweepPlan of(JobConfig c) {
        String strategy = c.string(SweepKeys.STRATEGY);
        boolean grid = strategy.equals("grid");
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
        Map<String, Trial> byId = new LinkedHashMap<>();
        for (Map<String, Object> params : configs) {
            for (long seed : seeds) {
                Map<String, Object> p = new LinkedHashMap<>(params);
                p.put("training.seed", seed);
                Trial t = Trial.of(p, trainConfig(c, p));
                byId.putIfAbsent(t.id(), t);
            }
        }
        return new SweepPlan(new ArrayList<>(byId.values()), strategy);
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
