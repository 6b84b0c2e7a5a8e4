package io.sparkact.jobs.quickstart;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.ActivationEvaluator;
import io.sparkact.catalog.ActivationSpec;
import io.sparkact.jobs.cli.Args;
import io.sparkact.jobs.cli.Job;
import io.sparkact.jobs.cli.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sparkact quickstart}: lists the catalogue and prints f and f′ of a few activations side by side at
 * the points where they differ most (the kinks at 0, ±3 and 6, and the tails). Training a CTR model on
 * generated data joins it when the train job lands.
 */
public final class QuickstartJob implements Job {

    /** The activations compared by default: the classic, the capped hybrid, the cheap smooth one, Dice. */
    static final String DEFAULT_SPECS = "relu,lrelu6(alpha=0.02),hswish,swish,rrelu,dice";
    static final double[] POINTS = {-8, -3, -1, -0.5, 0, 0.5, 1, 3, 6, 8};

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "a first look: the activation catalogue and f, f' of a few activations";
    }

    @Override
    public Set<String> options() {
        return Set.of("names");
    }

    @Override
    public String help() {
        return String.join("\n",
                "usage: sparkact quickstart [--names SPEC,SPEC,...]",
                "",
                "Prints the activation catalogue, then f(x) and f'(x) (eval mode) of each spec at",
                "x = -8, -3, -1, -0.5, 0, 0.5, 1, 3, 6, 8. Default specs: " + DEFAULT_SPECS + ".",
                "");
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        ActivationCatalog catalog = ActivationCatalog.standard();
        out.println("== The SparkAct activation catalogue (sparkact activations list) ==");
        for (var e : catalog.entries()) {
            out.printf(Locale.ROOT, "  %-11s %-10s %s%n", e.name(), e.kind().label(), e.defaultSpec());
        }
        List<ActivationSpec> specs = new ArrayList<>();
        List<ActivationEvaluator.Curve> curves = new ArrayList<>();
        for (String s : ActivationCatalog.splitList(args.get("names", DEFAULT_SPECS))) {
            ActivationSpec spec = catalog.parse(s);
            specs.add(spec);
            curves.add(ActivationEvaluator.evaluate(spec, POINTS, false, 42, Map.of()));
        }
        out.println();
        out.println("== f(x), eval mode (sparkact activations table --name SPEC --x ...) ==");
        out.print(SideBySide.format(specs, curves, true));
        out.println();
        out.println("== f'(x) = dL/dx with dL/df = 1, from each activation's own backprop ==");
        out.print(SideBySide.format(specs, curves, false));
        out.println();
        out.println("Next: sparkact activations table --name 'lrelu6(alpha=0.02)' --x -8,-3,0,3,6,8");
        out.println("      sparkact activations plot --names relu,hswish,swish,dice --out out/activations.svg");
    }
}
