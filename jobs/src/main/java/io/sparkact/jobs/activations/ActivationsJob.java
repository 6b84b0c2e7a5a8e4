package io.sparkact.jobs.activations;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.ActivationEvaluator;
import io.sparkact.catalog.ActivationSpec;
import io.sparkact.jobs.cli.Args;
import io.sparkact.jobs.cli.Job;
import io.sparkact.jobs.cli.UsageException;
import io.sparkact.io.AtomicFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code sparkact activations list | table | plot}. */
public final class ActivationsJob implements Job {

    static final String NAME = "activations";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "list the activation catalogue; tabulate or plot f and f' of activation specs";
    }

    @Override
    public Set<String> options() {
        return Set.of("name", "names", "from", "to", "points", "x", "mode", "seed", "set", "out");
    }

    @Override
    public String help() {
        return String.join("\n",
                "usage:",
                "  sparkact activations list",
                "  sparkact activations table --name SPEC [--from -8 --to 8 --points 161 | --x -3,0,3]",
                "                             [--mode eval|train] [--seed 42] [--set key=value]...",
                "  sparkact activations plot --names SPEC,SPEC,... --out FILE.svg [--from -8 --to 8 --points 161]",
                "                            [--mode eval|train] [--seed 42]",
                "",
                "list   every activation: kind (pure, trainable, stateful), parameters with defaults and ranges.",
                "table  CSV on stdout with header x,f,df: f(x) and dL/dx with dL/df = 1, from the activation's own",
                "       forward and backward code, in double precision. --x evaluates at exactly the given points.",
                "       Layers with parameters or state take one unit and the points as a batch: Dice in eval mode",
                "       uses running mean 0, variance 1 and alpha 0 unless --set mean=M --set var=V --set alpha=A;",
                "       in train mode it uses the batch statistics of the points. Maxout is not element-wise.",
                "plot   an SVG of f and f' of each spec (any Hadoop FileSystem path).",
                "SPEC   name or name(key=value,...), e.g. relu, lrelu6(alpha=0.02), rrelu(lower=0.1,upper=0.3),",
                "       dice(epsilon=1e-9,momentum=0.99), swish(beta=1.5,trainable=true).",
                "");
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> words = args.positional();
        if (words.size() != 1) {
            throw new UsageException("expected one subcommand: list, table or plot; got "
                    + (words.isEmpty() ? "none" : String.join(" ", words)));
        }
        switch (words.get(0)) {
            case "list":
                out.print(CatalogListing.format(ActivationCatalog.standard()));
                break;
            case "table":
                table(args, out);
                break;
            case "plot":
                plot(args, err);
                break;
            default:
                throw new UsageException("unknown subcommand '" + words.get(0) + "'; valid: list, table, plot");
        }
    }

    private void table(Args args, PrintStream out) {
        String spec = required(args, "name");
        ActivationSpec parsed = ActivationCatalog.standard().parse(spec);
        ActivationEvaluator.Curve c = ActivationEvaluator.evaluate(parsed, points(args), training(args),
                args.getLong("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE), state(args));
        out.print(CurveTable.csv(c));
    }

    private void plot(Args args, PrintStream err) throws Exception {
        String names = required(args, "names");
        String target = required(args, "out");
        double[] x = points(args);
        boolean training = training(args);
        long seed = args.getLong("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        List<CurvePlot.Series> series = new ArrayList<>();
        for (String s : ActivationCatalog.splitList(names)) {
            ActivationSpec spec = ActivationCatalog.standard().parse(s);
            series.add(new CurvePlot.Series(spec.toString(),
                    ActivationEvaluator.evaluate(spec, x, training, seed, Map.of())));
        }
        String svg = CurvePlot.svg(series, training ? "train" : "eval");
        AtomicFiles.writeAtomically(target, svg.getBytes(StandardCharsets.UTF_8));
        err.println("wrote " + target + " (" + series.size() + " activations, " + x.length + " points)");
    }

    private static String required(Args args, String option) {
        String v = args.get(option, null);
        if (v == null || v.isBlank()) {
            throw new UsageException("option --" + option + " is required");
        }
        return v;
    }

    private static boolean training(Args args) {
        String mode = args.get("mode", "eval");
        if (!mode.equals("eval") && !mode.equals("train")) {
            throw new UsageException("option --mode given invalid value '" + mode + "'; allowed: eval, train");
        }
        return mode.equals("train");
    }

    /** The points: --x as given, or a grid from --from to --to with --points points. */
    static double[] points(Args args) {
        if (args.has("x")) {
            if (args.has("from") || args.has("to") || args.has("points")) {
                throw new UsageException("give either --x or --from/--to/--points, not both");
            }
            String[] parts = args.get("x", "").split(",", -1);
            double[] x = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    x[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new UsageException("option --x given invalid value '" + parts[i].trim()
                            + "' (item " + (i + 1) + "); allowed: comma-separated finite numbers, e.g. -3,0,3");
                }
                if (!Double.isFinite(x[i])) {
                    throw new UsageException("option --x given invalid value '" + parts[i].trim()
                            + "' (item " + (i + 1) + "); allowed: finite numbers");
                }
            }
            return x;
        }
        double from = args.getDouble("from", -8);
        double to = args.getDouble("to", 8);
        int n = (int) args.getLong("points", 161, 2, 1_000_000);
        if (!(to > from)) {
            throw new UsageException("option --to given invalid value " + to + "; allowed: greater than --from ("
                    + from + ")");
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // (from·(n−1−i) + to·i)/(n−1): the default grid gives exactly -8, -7.9, …, 8
            x[i] = (from * (n - 1 - i) + to * i) / (n - 1);
        }
        return x;
    }

    private static Map<String, Double> state(Args args) {
        Map<String, Double> state = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : args.sets().entrySet()) {
            try {
                double v = Double.parseDouble(e.getValue());
                if (Double.isFinite(v)) {
                    state.put(e.getKey(), v);
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new UsageException("option --set " + e.getKey() + " given invalid value '" + e.getValue()
                    + "'; allowed: a finite number");
        }
        return state;
    }
}
