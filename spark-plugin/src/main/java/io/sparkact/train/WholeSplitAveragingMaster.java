package io.sparkact.train;

import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * dl4j-spark's parameter averaging with every example of a split fitted. In 1.0.0-M2 the stock master cuts an epoch
 * into {@code floor(objects / (workers × averagingFrequency))} splits ({@code SparkUtils.balancedRandomSplit}, "intentional
 * round down"), so a split usually holds a few more minibatches than {@code workers × averagingFrequency}, and then
 * hands its workers a {@code WorkerConfiguration} whose {@code maxBatchesPerWorker} is the averaging frequency:
 * {@code ExecuteWorkerMultiDataSetFlatMap} stops after that many minibatches and the rest of the worker's share of the
 * split is never fitted. Measured with {@link TrainLossListener}'s count: 15,360 of 16,081 training examples per
 * epoch on 20k generated rows (4.5 % dropped, different rows every epoch); none when the minibatch count happens to
 * be a multiple of workers × averaging frequency. This master gives the workers no cap ({@code 0}: the flat map's
 * "no maximum"), so each worker fits its whole share; a split then averages after about, not exactly,
 * {@code averagingFrequency} minibatches per worker. Everything else is the stock master's.
 */
final class WholeSplitAveragingMaster extends ParameterAveragingTrainingMaster {

    private static final long serialVersionUID = 1L;

    WholeSplitAveragingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        if (collectTrainingStats) {
            return super.getWorkerInstance(graph); // its timing statistics are not reproduced here
        }
        NetBroadcastTuple tuple = new NetBroadcastTuple(graph.getNetwork().getConfiguration(),
                graph.getNetwork().params(), graph.getNetwork().getUpdater().getStateViewArray());
        Broadcast<NetBroadcastTuple> broadcast = graph.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                0, prefetchNumBatches, false);
        return new ParameterAveragingTrainingWorker(broadcast, saveUpdater, configuration, trainingHookList, listeners,
                getRouterProvider());
    }
}
