package io.sparkact.catalog;

import io.sparkact.activations.AbsActivation;
import io.sparkact.activations.EluActivation;
import io.sparkact.activations.HardShrinkActivation;
import io.sparkact.activations.HardSigmoidActivation;
import io.sparkact.activations.HardSwishActivation;
import io.sparkact.activations.HardTanhActivation;
import io.sparkact.activations.IdentityActivation;
import io.sparkact.activations.LeakyRelu6Activation;
import io.sparkact.activations.LeakyReluActivation;
import io.sparkact.activations.RreluActivation;
import io.sparkact.activations.Relu6Activation;
import io.sparkact.activations.ReluActivation;
import io.sparkact.activations.SeluActivation;
import io.sparkact.activations.SigmoidActivation;
import io.sparkact.activations.SoftShrinkActivation;
import io.sparkact.activations.SoftplusActivation;
import io.sparkact.activations.SoftsignActivation;
import io.sparkact.activations.SwishActivation;
import io.sparkact.activations.TanhActivation;
import io.sparkact.activations.TanhShrinkActivation;
import io.sparkact.layers.DiceLayer;
import io.sparkact.layers.MaxoutLayer;
import io.sparkact.layers.PReluLayer;
import io.sparkact.layers.SwishLayer;
import io.sparkact.params.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.IActivation;

/**
 * Every activation SparkAct ships, by catalogue name. {@link #parse(String)} turns a spec such as
 * {@code lrelu6(alpha=0.02)} into a validated {@link ActivationSpec}; an unknown name or parameter, a
 * malformed value or a value out of range is a {@link SpecException} or {@link IllegalArgumentException}
 * whose message names it and lists what is valid.
 */
public final class ActivationCatalog {

    /** swish's switch between the fixed-β function and the layer with a learned β. */
    static final Param SWISH_TRAINABLE = Param.bool("trainable", false,
            "learn beta per layer (a layer after an identity dense layer) instead of keeping it fixed");

    private static final ActivationCatalog STANDARD = new ActivationCatalog(standardEntries());

    private final Map<String, CatalogEntry> entries;

    private ActivationCatalog(List<CatalogEntry> entries) {
        this.entries = new LinkedHashMap<>();
        for (CatalogEntry e : entries) {
            this.entries.put(e.name(), e);
        }
    }

    /** The catalogue of all shipped activations. */
    public static ActivationCatalog standard() {
        return STANDARD;
    }

    /** Parses and validates a spec: {@code name} or {@code name(key=value,...)}. */
    public ActivationSpec parse(String spec) {
        return SpecParser.parse(this, spec);
    }

    /** Splits "relu,lrelu6(alpha=0.02,cap=6)" at the commas outside parentheses. */
    public static List<String> splitList(String specs) {
        return SpecParser.splitList(specs);
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The entry called {@code name}, or null. */
    public CatalogEntry entry(String name) {
        return entries.get(name);
    }

    private static List<CatalogEntry> standardEntries() {
        List<CatalogEntry> l = new ArrayList<>();
        pure(l, ReluActivation.NAME, ReluActivation.PARAMS, "max(x, 0)", ReluActivation::new, null);
        pure(l, LeakyReluActivation.NAME, LeakyReluActivation.PARAMS, "x for x > 0, alpha*x otherwise",
                null, s -> new LeakyReluActivation(s.real("alpha")));
        pure(l, Relu6Activation.NAME, Relu6Activation.PARAMS, "min(max(x, 0), 6) (Krizhevsky 2010; MobileNet)",
                Relu6Activation::new, null);
        pure(l, LeakyRelu6Activation.NAME, LeakyRelu6Activation.PARAMS,
                "ReLU6/leaky-ReLU hybrid: alpha*x for x <= 0, x below cap, cap + alpha_high*(x - cap) above",
                null, s -> new LeakyRelu6Activation(s.real("alpha"), s.real("cap"), s.real("alpha_high")));
        pure(l, RreluActivation.NAME, RreluActivation.PARAMS,
                "randomized leaky ReLU (Xu et al. 2015): slope ~ U(lower, upper) per element in training, "
                        + "(lower+upper)/2 in eval", null, s -> new RreluActivation(s.real("lower"), s.real("upper")));
        pure(l, HardSwishActivation.NAME, HardSwishActivation.PARAMS, "x*relu6(x+3)/6 (MobileNetV3, Howard et al. 2019)",
                HardSwishActivation::new, null);
        pure(l, HardSigmoidActivation.NAME, HardSigmoidActivation.PARAMS, "relu6(x+3)/6 (MobileNetV3)",
                HardSigmoidActivation::new, null);
        pure(l, SigmoidActivation.NAME, SigmoidActivation.PARAMS, "1/(1+exp(-x))", SigmoidActivation::new, null);
        pure(l, TanhActivation.NAME, TanhActivation.PARAMS, "tanh(x)", TanhActivation::new, null);
        pure(l, HardTanhActivation.NAME, HardTanhActivation.PARAMS, "clip(x, -1, 1)", HardTanhActivation::new, null);
        pure(l, SoftsignActivation.NAME, SoftsignActivation.PARAMS, "x/(1+|x|)", SoftsignActivation::new, null);
        pure(l, SoftplusActivation.NAME, SoftplusActivation.PARAMS, "log(1+exp(beta*x))/beta",
                null, s -> new SoftplusActivation(s.real("beta")));
        pure(l, EluActivation.NAME, EluActivation.PARAMS, "x for x > 0, alpha*(exp(x)-1) otherwise (Clevert et al. 2015)",
                null, s -> new EluActivation(s.real("alpha")));
        pure(l, SeluActivation.NAME, SeluActivation.PARAMS, "scaled ELU with the self-normalising constants "
                + "(Klambauer et al. 2017)", SeluActivation::new, null);
        l.add(new CatalogEntry(SwishActivation.NAME, Kind.PURE, swishParams(),
                "x*sigmoid(beta*x) (Ramachandran et al. 2017); trainable=true learns beta per layer",
                s -> s.bool("trainable")
                        ? new Realisation.PerUnitLayer(u -> new SwishLayer.Builder().nIn(u).nOut(u).beta(s.real("beta")).build())
                        : new Realisation.ElementWise(new SwishActivation(s.real("beta")))));
        pure(l, SoftShrinkActivation.NAME, SoftShrinkActivation.PARAMS, "x-lambda above lambda, x+lambda below -lambda, 0 between",
                null, s -> new SoftShrinkActivation(s.real("lambda")));
        pure(l, HardShrinkActivation.NAME, HardShrinkActivation.PARAMS, "x where |x| > lambda, 0 otherwise",
                null, s -> new HardShrinkActivation(s.real("lambda")));
        pure(l, TanhShrinkActivation.NAME, TanhShrinkActivation.PARAMS, "x - tanh(x)", TanhShrinkActivation::new, null);
        pure(l, AbsActivation.NAME, AbsActivation.PARAMS, "|x| (absolute-value rectification, Jarrett et al. 2009)",
                AbsActivation::new, null);
        pure(l, IdentityActivation.NAME, IdentityActivation.PARAMS, "x (a linear layer)", IdentityActivation::new, null);
        l.add(new CatalogEntry(DiceLayer.NAME, Kind.STATEFUL, DiceLayer.PARAMS,
                "Dice (DIN, Zhou et al. 2018): p*x + (1-p)*alpha*x, p = sigmoid of x normalised by batch/running "
                        + "statistics; alpha learned per unit",
                s -> new Realisation.PerUnitLayer(u -> new DiceLayer.Builder().nIn(u).nOut(u)
                        .epsilon(s.real("epsilon")).momentum(s.real("momentum")).build())));
        l.add(new CatalogEntry(PReluLayer.NAME, Kind.TRAINABLE, PReluLayer.PARAMS,
                "parametric ReLU (He et al. 2015): x for x > 0, alpha*x otherwise, alpha learned per unit",
                s -> new Realisation.PerUnitLayer(u -> new PReluLayer.Builder().nIn(u).nOut(u).alpha(s.real("alpha")).build())));
        l.add(new CatalogEntry(MaxoutLayer.NAME, Kind.TRAINABLE, MaxoutLayer.PARAMS,
                "maxout (Goodfellow et al. 2013): max over k affine pieces; replaces the dense layer, not element-wise",
                s -> new Realisation.DenseReplacement(n -> new MaxoutLayer.Builder().nOut(n)
                        .pieces(s.integer("pieces")).build())));
        return l;
    }

    private static List<Param> swishParams() {
        List<Param> p = new ArrayList<>(SwishActivation.PARAMS);
        p.add(SWISH_TRAINABLE);
        return p;
    }

    /** Adds a pure element-wise entry built by a no-arg constructor or by a function of the spec. */
    private static void pure(List<CatalogEntry> l, String name, List<Param> params, String description,
                             Supplier<IActivation> noArgs, Function<ActivationSpec, IActivation> withArgs) {
        Function<ActivationSpec, IActivation> make = withArgs != null ? withArgs : s -> noArgs.get();
        l.add(new CatalogEntry(name, Kind.PURE, params, description, s -> new Realisation.ElementWise(make.apply(s))));
    }
}
