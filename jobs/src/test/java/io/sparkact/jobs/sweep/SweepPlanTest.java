package io.sparkact.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.jobs.cli.UsageException;
import io.sparkact.jobs.config.JobConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trials a sweep config plans, their ids, and the usage errors of the sweep keys (no Spark). */
class SweepPlanTest {

    private static JobConfig config(String... kv) {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("output", "out/s");
        sets.put("input.train", "data/train");
        sets.put("input.valid", "data/valid");
        for (int i = 0; i < kv.length; i += 2) {
            sets.put(kv[i], kv[i + 1]);
        }
        return JobConfig.load(SweepJob.SCHEMA, null, sets);
    }

    private static String usage(String... kv) {
        return assertThrows(UsageException.class, () -> SweepPlan.of(config(kv))).getMessage();
    }

    @Test
    void gridIsActivationsTimesValuesTimesSeedsInThatOrder() {
        SweepPlan p = SweepPlan.of(config("sweep.activations", "relu,hswish,elu",
                "sweep.learning_rate", "0.001,0.01", "sweep.seeds", "1,2"));
        assertEquals(12, p.trials().size());
        Trial first = p.trials().get(0);
        assertEquals(Map.of("model.activation", "relu", "training.learning_rate", 0.001, "training.seed", 1L),
                first.params());
        assertEquals("relu learning_rate=0.001 seed=1", first.label());
        assertEquals("relu learning_rate=0.001 seed=2", p.trials().get(1).label());
        assertEquals("relu learning_rate=0.01 seed=1", p.trials().get(2).label());
        assertEquals("hswish learning_rate=0.001 seed=1", p.trials().get(4).label());
        // the trial's train config: base values with the swept ones set, output = OUTPUT/best
        assertEquals(0.01, p.trials().get(2).config().real("training.learning_rate"));
        assertEquals("out/s/best", first.config().string("output"));
        Set<String> ids = new HashSet<>();
        p.trials().forEach(t -> ids.add(t.id()));
        assertEquals(12, ids.size(), "one id per configuration");
    }

    @Test
    void idsDependOnTheConfigAloneNotOnOutputOrPlanOrder() {
        Trial a = SweepPlan.of(config("sweep.activations", "relu,hswish", "sweep.seeds", "1,2")).trials().get(2);
        Trial b = SweepPlan.of(config("sweep.activations", "hswish", "sweep.seeds", "1", "output", "elsewhere"))
                .trials().get(0);
        assertEquals("hswish seed=1", a.label());
        assertEquals(a.id(), b.id());
        assertTrue(a.id().matches("[0-9a-f]{16}"), a.id());
        Trial c = SweepPlan.of(config("sweep.activations", "hswish", "sweep.seeds", "1", "training.epochs", "5"))
                .trials().get(0);
        assertNotEquals(a.id(), c.id(), "a different base config is a different trial");
    }

    @Test
    void activationParameterGridExpandsIntoCanonicalSpecs() {
        SweepPlan p = SweepPlan.of(config("sweep.activations", "[\"lrelu6(alpha=0.01|0.05)\"]"));
        assertEquals(List.of("lrelu6(alpha=0.01,cap=6,alpha_high=0)", "lrelu6(alpha=0.05,cap=6,alpha_high=0)"),
                p.trials().stream().map(Trial::activation).toList());
    }

    @Test
    void randomSearchIsReproducibleAndStaysInItsRanges() {
        String[] kv = {"sweep.strategy", "random", "sweep.trials", "7", "sweep.random_seed", "3",
                "sweep.activations", "[\"relu\", \"lrelu6(alpha=log_uniform:0.005:0.1)\"]",
                "sweep.learning_rate", "[log_uniform, 1e-4, 1e-2]", "sweep.embedding_dim", "[int, 4, 8]",
                "sweep.seeds", "1,2"};
        List<Trial> one = SweepPlan.of(config(kv)).trials();
        List<Trial> two = SweepPlan.of(config(kv)).trials();
        assertEquals(one.stream().map(Trial::id).toList(), two.stream().map(Trial::id).toList());
        assertEquals(14, one.size());
        for (Trial t : one) {
            double lr = t.config().real("training.learning_rate");
            int emb = t.config().integer("model.embedding_dim");
            assertTrue(lr >= 1e-4 && lr <= 1e-2, t.label());
            assertTrue(emb >= 4 && emb <= 8, t.label());
            assertEquals(lr, Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", lr)), "4 significant digits");
        }
    }

    @Test
    void halvingRungsMultiplyByEtaAndEndAtTheMaximum() {
        assertEquals(List.of(1, 3, 9), SweepPlan.rungs(1, 9, 3));
        assertEquals(List.of(1, 3, 9, 10), SweepPlan.rungs(1, 10, 3));
        assertEquals(List.of(2), SweepPlan.rungs(2, 2, 2));
        SweepPlan p = SweepPlan.of(config("sweep.strategy", "halving", "sweep.activations", "relu,hswish",
                "sweep.seeds", "1,2"));
        assertEquals(List.of(1, 3, 9), p.rungs());
        assertEquals("relu epochs=1 seed=1", p.trials().get(0).label());
        assertEquals(4, p.trials().size());
        assertEquals("config key sweep.halving.max_epochs given invalid value '2'; allowed: an integer >= "
                + "sweep.halving.min_epochs (3)", usage("sweep.strategy", "halving", "sweep.halving.min_epochs", "3",
                "sweep.halving.max_epochs", "2"));
        assertEquals("config key sweep.execution given invalid value 'data-parallel'; allowed: trial-parallel or auto "
                + "with sweep.strategy=halving (rungs resume single-process checkpoints)",
                usage("sweep.strategy", "halving", "sweep.execution", "data-parallel"));
    }

    @Test
    void aRangeUnderGridStrategyIsAUsageError() {
        assertEquals("config key sweep.learning_rate given invalid value '[log_uniform, 1e-4, 1e-2]'; allowed: grid "
                        + "lists only with sweep.strategy=grid (a random range needs sweep.strategy=random)",
                usage("sweep.learning_rate", "[log_uniform, 1e-4, 1e-2]"));
    }

    @Test
    void aValueOutsideTheTrainKeysRuleIsAUsageError() {
        assertEquals("config key sweep.learning_rate given invalid value '[0.001, 0]'; allowed: a number, "
                        + "0 < training.learning_rate <= 10, for each value and both ends of a range",
                usage("sweep.learning_rate", "0.001,0"));
        assertEquals("config key sweep.batch_size given invalid value '[64, 12.5]'; allowed: a list of integers "
                + "or [int, lo, hi]", usage("sweep.batch_size", "64,12.5"));
    }

    @Test
    void aBadActivationParameterNamesTheItemAndTheCatalogueRule() {
        String msg = usage("sweep.activations", "[\"lrelu6(alpha=0.01|7)\"]");
        assertTrue(msg.startsWith("config key sweep.activations given invalid value 'lrelu6(alpha=0.01|7)'; allowed: "
                + "activation specs whose every value is valid; lrelu6(alpha=7): "), msg);
    }
}
