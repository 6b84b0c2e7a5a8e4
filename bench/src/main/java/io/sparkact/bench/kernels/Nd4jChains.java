package io.sparkact.bench.kernels;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The ND4J-op alternative of a catalogue activation: ND4J's own activation of the same function (one native,
 * multi-threaded transform op forward and one backward), measured beside the catalogue's single-pass loop so
 * that the faster one can be kept. Only the catalogue functions that ND4J has with the same definition at the
 * catalogue's default parameters are listed (same values; kink conventions and float rounding may differ,
 * see the activations package documentation for why the catalogue does not simply use them).
 */
final class Nd4jChains {

    /** Kernel-name prefix: "nd4j:sigmoid". */
    static final String PREFIX = "nd4j:";

    private static final Map<String, Supplier<IActivation>> CHAINS = new TreeMap<>(Map.ofEntries(
            Map.entry("sigmoid", ActivationSigmoid::new),
            Map.entry("tanh", ActivationTanH::new),
            Map.entry("swish", ActivationSwish::new),
            Map.entry("elu", ActivationELU::new),
            Map.entry("selu", ActivationSELU::new),
            Map.entry("softplus", ActivationSoftPlus::new),
            Map.entry("softsign", ActivationSoftSign::new),
            Map.entry("hardtanh", ActivationHardTanH::new),
            Map.entry("lrelu", ActivationLReLU::new),
            Map.entry("relu6", ActivationReLU6::new),
            Map.entry("identity", ActivationIdentity::new)));

    private Nd4jChains() {
    }

    /** Catalogue names that have an ND4J alternative. */
    static java.util.Set<String> names() {
        return CHAINS.keySet();
    }

    static IActivation of(String name) {
        Supplier<IActivation> s = CHAINS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no ND4J alternative for " + name + "; known: " + CHAINS.keySet());
        }
        return s.get();
    }
}
