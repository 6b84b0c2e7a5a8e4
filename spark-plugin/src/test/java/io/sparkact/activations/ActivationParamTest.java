package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejected parameter value with its exact message (the catalogue names the parameter). */
class ActivationParamTest {

    private static Arguments bad(Executable construct, String message) {
        return Arguments.of(message, construct);
    }

    static Stream<Arguments> badParameters() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
            bad(() -> new LeakyReluActivation(-0.1), "lrelu parameter alpha given invalid value -0.1; allowed: 0 <= alpha <= 1"),
            bad(() -> new LeakyReluActivation(1.5), "lrelu parameter alpha given invalid value 1.5; allowed: 0 <= alpha <= 1"),
            bad(() -> new LeakyReluActivation(nan), "lrelu parameter alpha given invalid value NaN; allowed: 0 <= alpha <= 1"),
            bad(() -> new LeakyRelu6Activation(2, 6, 0), "lrelu6 parameter alpha given invalid value 2; allowed: 0 <= alpha <= 1"),
            bad(() -> new LeakyRelu6Activation(0.01, 0, 0), "lrelu6 parameter cap given invalid value 0; allowed: cap > 0 (finite)"),
            bad(() -> new LeakyRelu6Activation(0.01, -6, 0), "lrelu6 parameter cap given invalid value -6; allowed: cap > 0 (finite)"),
            bad(() -> new LeakyRelu6Activation(0.01, inf, 0), "lrelu6 parameter cap given invalid value Infinity; allowed: cap > 0 (finite)"),
            bad(() -> new LeakyRelu6Activation(0.01, 6, -0.5), "lrelu6 parameter alpha_high given invalid value -0.5; allowed: 0 <= alpha_high <= 1"),
            bad(() -> new LeakyRelu6Activation(0.01, 6, 1.25), "lrelu6 parameter alpha_high given invalid value 1.25; allowed: 0 <= alpha_high <= 1"),
            bad(() -> new RreluActivation(-0.1, 0.3), "rrelu parameter lower given invalid value -0.1; allowed: 0 <= lower <= 1"),
            bad(() -> new RreluActivation(0.1, 1.5), "rrelu parameter upper given invalid value 1.5; allowed: 0 <= upper <= 1"),
            bad(() -> new RreluActivation(0.5, 0.25), "rrelu parameter lower given invalid value 0.5; allowed: lower <= upper (upper = 0.25)"),
            bad(() -> new SoftplusActivation(0), "softplus parameter beta given invalid value 0; allowed: beta > 0 (finite)"),
            bad(() -> new SoftplusActivation(inf), "softplus parameter beta given invalid value Infinity; allowed: beta > 0 (finite)"),
            bad(() -> new EluActivation(-1), "elu parameter alpha given invalid value -1; allowed: alpha >= 0 (finite)"),
            bad(() -> new EluActivation(inf), "elu parameter alpha given invalid value Infinity; allowed: alpha >= 0 (finite)"),
            bad(() -> new SwishActivation(-0.5), "swish parameter beta given invalid value -0.5; allowed: beta >= 0 (finite)"),
            bad(() -> new SwishActivation(nan), "swish parameter beta given invalid value NaN; allowed: beta >= 0 (finite)"),
            bad(() -> new SoftShrinkActivation(-0.1), "softshrink parameter lambda given invalid value -0.1; allowed: lambda >= 0 (finite)"),
            bad(() -> new HardShrinkActivation(-1), "hardshrink parameter lambda given invalid value -1; allowed: lambda >= 0 (finite)"),
            bad(() -> new HardShrinkActivation(inf), "hardshrink parameter lambda given invalid value Infinity; allowed: lambda >= 0 (finite)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void rejectsWithExactMessage(String message, Executable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertEquals(message, e.getMessage());
    }
}
