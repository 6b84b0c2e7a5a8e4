package io.sparkact.plugin;

import io.sparkact.health.HealthStats;
import java.util.List;

/** Test values: reports and health statistics whose dead units are chosen by hand. */
final class Reports {

    private Reports() {
    }

    static ExecutorReport counts(String exec, long seq, long examples, long minibatches, double score, long millis) {
        return new ExecutorReport(exec, seq, examples, minibatches, score, millis, 2, -1, null);
    }

    static ExecutorReport health(String exec, long seq, int pass, HealthStats h) {
        return new ExecutorReport(exec, seq, 0, 0, Double.NaN, 0, 1, pass, h);
    }

    /**
     * One example through a single hidden layer of {@code units} units where exactly the units in {@code alive}
     * pass gradient (f′ = 1) and the others do not (f′ = 0). Dead units of the result: all but {@code alive}.
     */
    static HealthStats oneLayer(int units, int... alive) {
        HealthStats h = HealthStats.forUnits(List.of(units));
        double[] out = new double[units];
        double[] fprime = new double[units];
        for (int u : alive) {
            fprime[u] = 1;
            out[u] = 1;
        }
        h.layer(0).add(out, fprime, 1);
        return h;
    }
}
