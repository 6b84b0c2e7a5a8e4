package io.sparkact.bench.kernels;

import io.sparkact.catalog.ActivationCatalog;
import io.sparkact.catalog.ActivationSpec;
import io.sparkact.catalog.Realisation;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernels by name. Inputs are N(0, 3²) floats (every piece of every activation is hit: kinks at 0, ±1, ±3,
 * 6 and the saturation of the smooth ones), dL/df is N(0, 1); both are drawn with a fixed seed.
 *
 * <ul>
 *   <li>{@value #COPY}: a plain copy of the native buffer into another (JavaCPP's {@code Pointer.memcpy}, libc's
 *       memcpy) — the memory-bandwidth reference (reads N floats, writes N).</li>
 *   <li>{@value #ND4J_RELU}: ND4J's own {@link ActivationReLU}, the speed reference.</li>
 *   <li>{@value #DENSE_RELU}: a dense layer with relu shaped like the Maxout kernel, Maxout's reference.</li>
 *   <li>any catalogue spec ("hswish", "lrelu6(alpha=0.02)", "dice", "maxout(pieces=2)"): the catalogue's
 *       realisation, element-wise function or layer ({@link LayerKernel}).</li>
 *   <li>{@value Nd4jChains#PREFIX}NAME: the same function as a chain of ND4J ops ({@link Nd4jChains}), the
 *       alternative to the single-pass loop that the catalogue's classes use.</li>
 * </ul>
 */
public final class Kernels {

    /** Memory-bandwidth reference. */
    public static final String COPY = "copy";
    /** ND4J's built-in relu. */
    public static final String ND4J_RELU = "nd4j-relu";
    /** A dense layer with ND4J's relu and {@value LayerKernel#MAXOUT_IN} inputs: the reference for Maxout. */
    public static final String DENSE_RELU = "dense-relu";
    /** Units of the layer kernels: [elements / UNITS, UNITS] inputs. */
    public static final int UNITS = 256;

    private Kernels() {
    }

    /** Every catalogue entry with its default parameters, element-wise ones and layers alike. */
    public static List<String> catalogue() {
        List<String> out = new ArrayList<>();
        ActivationCatalog cat = ActivationCatalog.standard();
        for (var e : cat.entries()) {
            out.add(e.defaultSpec());
            if (e.param("trainable") != null) {
                out.add(e.name() + "(trainable=true)"); // swish's layer form
            }
        }
        return out;
    }

    /** A kernel over {@code elements} floats. */
    public static Kernel create(String name, int elements) {
        Nd4j.getRandom().setSeed(20_251_123L);
        INDArray src = Nd4j.randn(DataType.FLOAT, elements / UNITS, UNITS).muli(3);
        INDArray eps = Nd4j.randn(DataType.FLOAT, elements / UNITS, UNITS);
        if (name.equals(COPY)) {
            return new CopyKernel(src);
        }
        if (name.equals(ND4J_RELU)) {
            return new ActivationKernel(new ActivationReLU(), src, eps);
        }
        if (name.equals(DENSE_RELU)) {
            return LayerKernel.denseReplacement(new DenseLayer.Builder().nOut(UNITS).activation(Activation.RELU).build(),
                    src, eps);
        }
        if (name.startsWith(Nd4jChains.PREFIX)) {
            return new ActivationKernel(Nd4jChains.of(name.substring(Nd4jChains.PREFIX.length())), src, eps);
        }
        ActivationSpec spec = ActivationCatalog.standard().parse(name);
        Realisation r = spec.realisation();
        if (r instanceof Realisation.ElementWise w) {
            return new ActivationKernel(w.fn(), src, eps);
        }
        if (r instanceof Realisation.PerUnitLayer p) {
            return LayerKernel.perUnit(p.layer(UNITS), src, eps);
        }
        Layer maxout = ((Realisation.DenseReplacement) r).layer(UNITS);
        return LayerKernel.denseReplacement(maxout, src, eps);
    }

    /** dst ← src with memcpy: one read and one write per element. */
    static final class CopyKernel implements Kernel {
        private final INDArray src;
        private final INDArray dst;
        private final long bytes;

        CopyKernel(INDArray src) {
            this.src = src;
            this.dst = src.dup(); // touched once, so the first pass does not pay the page faults
            this.bytes = src.length() * src.dataType().width();
        }

        @Override
        public void forward() {
            Pointer.memcpy(dst.data().addressPointer(), src.data().addressPointer(), bytes);
        }

        @Override
        public void forwardBackward() {
            forward();
        }

        @Override
        public void reset() {
        }
    }

    /**
     * An IActivation as DL4J's dense layer uses it: forward in place on the pre-output, backward in place on a
     * second copy of it with dL/df; what the function allocates goes into the pass's workspace.
     */
    static final class ActivationKernel implements Kernel {
        private final IActivation fn;
        private final INDArray src;
        private final INDArray eps;
        private final INDArray epsWork;
        private final INDArray fwd;
        private final INDArray bwd;

        ActivationKernel(IActivation fn, INDArray src, INDArray eps) {
            this.fn = fn;
            this.src = src;
            this.eps = eps;
            this.epsWork = eps.dup();
            this.fwd = src.dup();
            this.bwd = src.dup();
        }

        @Override
        public void forward() {
            try (MemoryWorkspace ws = PassWorkspace.open()) {
                fn.getActivation(fwd, true);
            }
        }

        @Override
        public void forwardBackward() {
            try (MemoryWorkspace ws = PassWorkspace.open()) {
                fn.getActivation(fwd, true);
                fn.backprop(bwd, epsWork);
            }
        }

        @Override
        public void reset() {
            fwd.assign(src);
            bwd.assign(src);
            epsWork.assign(eps);
        }
    }
}
