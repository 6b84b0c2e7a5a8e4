package io.sparkact.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/** The one place that maps {@link ModelSpec#type()} to its builder; trainers build every model through it. */
public final class Models {

    private Models() {
    }

    /** The spec's model in float precision with Adam(learning rate): what training uses. */
    public static ComputationGraph build(ModelSpec spec) {
        return build(spec, DataType.FLOAT, new Adam(spec.learningRate()));
    }

    /** The spec's model with a chosen precision and updater (double + NoOp for gradient checks). */
    public static ComputationGraph build(ModelSpec spec, DataType dataType, IUpdater updater) {
        ComputationGraph graph = new ComputationGraph(configuration(spec, dataType, updater));
        graph.init();
        return graph;
    }

    /** The spec's model configuration. */
    public static ComputationGraphConfiguration configuration(ModelSpec spec, DataType dataType, IUpdater updater) {
        return switch (spec.type()) {
            case DNN -> DnnModel.configuration(spec, dataType, updater);
            case DEEPFM -> DeepFmModel.configuration(spec, dataType, updater);
            case DIN -> DinModel.configuration(spec, dataType, updater);
        };
    }
}
