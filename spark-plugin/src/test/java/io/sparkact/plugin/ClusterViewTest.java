package io.sparkact.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The driver's aggregation of executor reports, without Spark. */
class ClusterViewTest {

    @Test
    void emptyViewKnowsNothing() {
        ClusterView v = new ClusterView();
        assertEquals(0, v.executors());
        assertEquals(0, v.examplesTrained());
        assertEquals(0, v.minibatches());
        assertTrue(Double.isNaN(v.lastScore()));
        assertTrue(Double.isNaN(v.deadFraction(0)));
        assertEquals(0, v.nd4jThreads());
    }

    @Test
    void countsAreSummedOverTheNewestReportOfEachExecutor() {
        ClusterView v = new ClusterView();
        v.update(Reports.counts("1", 1, 100, 1, 0.7, 1000));
        v.update(Reports.counts("1", 3, 300, 3, 0.6, 3000));
        v.update(Reports.counts("1", 2, 200, 2, 0.65, 2000)); // arrives late: older, ignored
        v.update(Reports.counts("2", 1, 50, 1, 0.9, 1500));
        assertEquals(2, v.executors());
        // executor 1's newest (seq 3) + executor 2's only report
        assertEquals(300 + 50, v.examplesTrained());
        assertEquals(3 + 1, v.minibatches());
    }

    @Test
    void lastScoreIsTheMostRecentOfAnyExecutor() {
        ClusterView v = new ClusterView();
        v.update(Reports.counts("1", 1, 10, 1, 0.61, 5000));
        v.update(Reports.counts("2", 1, 10, 1, 0.72, 4000));
        v.update(Reports.counts("3", 1, 0, 0, Double.NaN, 0)); // no minibatch yet: no score
        assertEquals(0.61, v.lastScore(), 0.0);
        v.update(Reports.counts("2", 2, 20, 2, 0.55, 6000));
        assertEquals(0.55, v.lastScore(), 0.0);
    }

    @Test
    void nd4jThreadsIsTheLargestReported() {
        ClusterView v = new ClusterView();
        v.update(new ExecutorReport("1", 1, 0, 0, Double.NaN, 0, 1, -1, null));
        v.update(new ExecutorReport("2", 1, 0, 0, Double.NaN, 0, 3, -1, null));
        assertEquals(3, v.nd4jThreads());
    }

    @Test
    void deadFractionMergesUnitsOverExecutorsOfTheLatestPass() {
        ClusterView v = new ClusterView();
        // 4 units: executor 1 saw units 0 and 1 alive, executor 2 saw 1 and 2; only unit 3 is dead everywhere.
        // Dead fraction 1/4 — a mean of the executors' own fractions (2/4 each) would say 0.5.
        v.update(Reports.health("1", 1, 7, Reports.oneLayer(4, 0, 1)));
        v.update(Reports.health("2", 1, 7, Reports.oneLayer(4, 1, 2)));
        assertEquals(0.25, v.deadFraction(0), 0.0);
        assertTrue(Double.isNaN(v.deadFraction(1)), "no second layer");
        assertTrue(Double.isNaN(v.deadFraction(-1)));
    }

    @Test
    void anOlderPassIsLeftOutOnceANewerOneIsReported() {
        ClusterView v = new ClusterView();
        v.update(Reports.health("1", 1, 7, Reports.oneLayer(4, 0, 1, 2, 3)));
        v.update(Reports.health("2", 1, 7, Reports.oneLayer(4)));
        assertEquals(0.0, v.deadFraction(0), 0.0);
        // executor 2 probes pass 9 (nothing alive); executor 1 has not reported pass 9 yet: only executor 2 counts
        v.update(Reports.health("2", 2, 9, Reports.oneLayer(4, 0)));
        assertEquals(0.75, v.deadFraction(0), 0.0);
        v.update(Reports.health("1", 2, 9, Reports.oneLayer(4, 3)));
        assertEquals(0.5, v.deadFraction(0), 0.0);
    }

    @Test
    void mergingDoesNotChangeTheReports() {
        ClusterView v = new ClusterView();
        ExecutorReport a = Reports.health("1", 1, 7, Reports.oneLayer(2, 0));
        v.update(a);
        v.update(Reports.health("2", 1, 7, Reports.oneLayer(2, 1)));
        assertEquals(0.0, v.deadFraction(0), 0.0);
        assertEquals(0.0, v.deadFraction(0), 0.0); // asked twice: the merge works on copies
        assertEquals(0.5, a.health().layer(0).deadFraction(), 0.0);
    }
}
