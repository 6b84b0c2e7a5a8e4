package io.sparkact.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.params.Param;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * f and f′ of every activation at hand-derived golden points (float and double), the spec form and
 * defaults, and layout independence (views, offsets, mixed orders).
 */
class ActivationFunctionTest {

    static Stream<Arguments> goldenInBothPrecisions() {
        return GoldenCases.all().stream().flatMap(c -> Stream.of(
                Arguments.of(c, DataType.FLOAT, 1e-6), Arguments.of(c, DataType.DOUBLE, 1e-12)));
    }

    static Stream<GoldenCase> cases() {
        return GoldenCases.all().stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenInBothPrecisions")
    void goldenPoints(GoldenCase c, DataType type, double rel) {
        NamedActivation act = c.create();
        INDArray x = Nd4j.createFromArray(c.column(0)).castTo(type).reshape(1, c.points.length);

        INDArray in = x.dup();
        INDArray out = act.getActivation(in, false);
        assertSame(in, out, "forward must work in place and return its input");
        assertClose(c.column(1), out, rel, c + " f");

        // f' through backprop with dL/df = 1
        Pair<INDArray, INDArray> grads = act.backprop(x.dup(), Nd4j.ones(type, 1, c.points.length));
        assertNull(grads.getSecond(), "no parameter gradient");
        assertEquals(type, grads.getFirst().dataType());
        assertClose(c.column(2), grads.getFirst(), rel, c + " f'");
    }

    /**
     * Float arrays use float versions of f and f′ for the piecewise-linear activations: they must agree
     * with the double ones on a fine grid (x = k/64 on [-10, 10], exact in float, includes every kink used
     * in the golden tables).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatAgreesWithDoubleOnAGrid(GoldenCase c) {
        double[] xs = new double[1281];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = (k - 640) / 64.0;
        }
        INDArray xd = Nd4j.createFromArray(xs);
        INDArray xf = xd.castTo(DataType.FLOAT);
        double[] fd = c.create().getActivation(xd.dup(), false).toDoubleVector();
        double[] gd = c.create().backprop(xd.dup(), Nd4j.ones(DataType.DOUBLE, xs.length)).getFirst().toDoubleVector();
        assertClose(fd, c.create().getActivation(xf.dup(), false), 1e-6, c + " float f");
        assertClose(gd, c.create().backprop(xf.dup(), Nd4j.ones(DataType.FLOAT, xs.length)).getFirst(), 1e-6,
                c + " float f'");
    }

    /** backprop multiplies by epsilon element-wise (not just f′ when epsilon = 1). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropScalesByEpsilon(GoldenCase c) {
        double[] xs = c.column(0);
        double[] eps = new double[xs.length];
        double[] expected = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            eps[i] = (i % 3) - 1.5;   // -1.5, -0.5, 0.5, ...
            expected[i] = c.points[i][2] * eps[i];
        }
        INDArray dz = c.create().backprop(Nd4j.createFromArray(xs), Nd4j.createFromArray(eps)).getFirst();
        assertClose(expected, dz, 1e-12, c + " f'*eps");
    }

    /**
     * The same values whatever the layout: a column-slice view (strided), a row view (contiguous at an
     * offset), an 'f'-ordered array with 'c'-ordered epsilon. Only the viewed elements may change.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void viewsAndOrdersGiveTheSameValuesAsADenseCopy(GoldenCase c) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray base = Nd4j.linspace(-8, 8, 42, DataType.DOUBLE).castTo(type).reshape('c', 6, 7);
            assertLayoutIndependent(c, base, base.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)));
            assertLayoutIndependent(c, base, base.get(NDArrayIndex.point(3), NDArrayIndex.all()));
            assertLayoutIndependent(c, base, base.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all()));
            assertLayoutIndependent(c, base, base.transpose());
            INDArray fOrder = base.dup('f');
            assertLayoutIndependent(c, fOrder, fOrder);
        }
    }

    private static void assertLayoutIndependent(GoldenCase c, INDArray base, INDArray view) {
        INDArray eps = Nd4j.linspace(-2, 2, view.length(), DataType.DOUBLE).castTo(view.dataType())
                .reshape('c', view.shape());
        INDArray expectedF = c.create().getActivation(view.dup('c'), false);
        INDArray expectedG = c.create().backprop(view.dup('c'), eps.dup('c')).getFirst();

        INDArray before = base.dup();
        INDArray snapshot = view.dup();
        c.create().getActivation(view, false);
        assertEquals(expectedF, view, c + " forward on " + describe(view));
        INDArray changed = base.sub(before);
        assertEquals(view.sub(snapshot).norm1Number().doubleValue(), changed.norm1Number().doubleValue(), 1e-9,
                "elements outside the view changed");

        view.assign(snapshot);
        INDArray dz = c.create().backprop(view, eps).getFirst();
        assertEquals(expectedG, dz, c + " backprop on " + describe(view));
        view.assign(snapshot);
    }

    private static String describe(INDArray a) {
        return java.util.Arrays.toString(a.shape()) + " stride " + java.util.Arrays.toString(a.stride())
                + " order " + a.ordering() + " offset " + a.offset();
    }

    /** The spec form (toString) of each case is the case's own spec string, which lists its parameters. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void specForm(GoldenCase c) {
        NamedActivation a = c.create();
        assertEquals(c.spec, a.toString());
        assertTrue(c.spec.startsWith(a.name()));
        assertEquals(a, c.create(), "same parameters, equal");
        assertEquals(a.hashCode(), c.create().hashCode());
    }

    @Test
    void defaultsAreTheDeclaredDefaults() {
        assertEquals("lrelu6(alpha=0.01,cap=6,alpha_high=0)", new LeakyRelu6Activation().toString());
        assertEquals("lrelu6(alpha=0.02,cap=6,alpha_high=0)", new LeakyRelu6Activation(0.02, 6, 0).toString());
        assertEquals(List.of("alpha", "cap", "alpha_high"), names(LeakyRelu6Activation.PARAMS));
        assertEquals(List.of("lower", "upper"), names(RreluActivation.PARAMS));
        LeakyRelu6Activation l6 = new LeakyRelu6Activation();
        assertEquals(0.01, l6.getAlpha());
        assertEquals(6.0, l6.getCap());
        assertEquals(0.0, l6.getAlphaHigh());
        assertEquals(0.01, new LeakyReluActivation().getAlpha());
        RreluActivation r = new RreluActivation();
        assertEquals(0.125, r.getLower());
        assertEquals(1.0 / 3, r.getUpper());
        assertEquals(1.0, new SoftplusActivation().getBeta());
        assertEquals(1.0, new EluActivation().getAlpha());
        assertEquals(1.0, new SwishActivation().getBeta());
        assertEquals(0.5, new SoftShrinkActivation().getLambda());
        assertEquals(0.5, new HardShrinkActivation().getLambda());
        assertTrue(ReluActivation.PARAMS.isEmpty() && HardSwishActivation.PARAMS.isEmpty());
        assertEquals("hswish", HardSwishActivation.NAME);
    }

    /** The branch-free step behind the float derivatives is an exact Heaviside step at the extremes too. */
    @Test
    void stepIsExactForSubnormalsZerosAndInfinities() {
        assertEquals(1f, PointwiseActivation.step(Float.MIN_VALUE));
        assertEquals(0f, PointwiseActivation.step(-Float.MIN_VALUE));
        assertEquals(0f, PointwiseActivation.step(0f));
        assertEquals(0f, PointwiseActivation.step(-0f));
        assertEquals(1f, PointwiseActivation.step(Float.MAX_VALUE));
        assertEquals(1f, PointwiseActivation.step(Float.POSITIVE_INFINITY));
        assertEquals(0f, PointwiseActivation.step(Float.NEGATIVE_INFINITY));
        assertEquals(1f, PointwiseActivation.step(Math.nextUp(6f) - 6f));
        assertEquals(0f, PointwiseActivation.step(Math.nextDown(6f) - 6f));
    }

    @Test
    void differentParametersOrClassesAreNotEqual() {
        assertNotEquals(new LeakyReluActivation(0.2), new LeakyReluActivation(0.1));
        assertNotEquals(new LeakyRelu6Activation(), new LeakyRelu6Activation(0.01, 6, 0.1));
        assertNotEquals(new HardShrinkActivation(), new SoftShrinkActivation());
    }

    private static List<String> names(List<Param> ps) {
        return ps.stream().map(Param::name).collect(java.util.stream.Collectors.toList());
    }

    static void assertClose(double[] expected, INDArray actual, double rel, String what) {
        double[] a = actual.dup().data().asDouble();
        assertEquals(expected.length, a.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.max(Math.abs(expected[i]), 1e-3);
            assertEquals(expected[i], a[i], tol, what + " at index " + i);
        }
    }
}
