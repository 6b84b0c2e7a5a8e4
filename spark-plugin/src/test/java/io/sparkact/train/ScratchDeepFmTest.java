package io.sparkact.train;

import io.sparkact.models.ModelSpec;
import io.sparkact.models.ModelType;
import io.sparkact.models.Models;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class ScratchDeepFmTest {
    @Test
    void compare() {
        SyntheticCtr train = new SyntheticCtr(4000, 64, 1);
        SyntheticCtr valid = new SyntheticCtr(2000, 500, 2);
        for (ModelType t : new ModelType[] {ModelType.DNN, ModelType.DEEPFM}) {
            ModelSpec s = ModelSpec.builder().type(t).hidden(16, 8).embeddingDim(4).hashBuckets(24)
                    .categoricalFields(3).numericInputs(2).learningRate(0.01).build();
            ComputationGraph g = Models.build(s);
            for (int e = 1; e <= 3; e++) {
                double loss = 0;
                for (MultiDataSet m : train.batches) {
                    g.fit(m);
                    loss += g.score();
                }
                double vl = 0;
                for (MultiDataSet m : valid.batches) {
                    vl += g.score(m);
                }
                System.out.printf("SCRATCH %s epoch %d train %.4f valid %.4f%n", t, e, loss / train.batches.size(), vl / valid.batches.size());
            }
        }
    }
}
