package io.sparkact.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-JVM registry: counters, the latest score, probe passes, snapshots. */
class TrainingCountersTest {

    @BeforeEach
    @AfterEach
    void clear() {
        TrainingCounters.reset();
    }

    @Test
    void countsMinibatchesAndExamples() {
        TrainingCounters.recordMinibatch(128);
        TrainingCounters.recordMinibatch(128);
        TrainingCounters.recordMinibatch(44);
        TrainingView v = TrainingCounters.view();
        assertEquals(300, v.examplesTrained());
        assertEquals(3, v.minibatches());
        assertTrue(Double.isNaN(v.lastScore()));
        TrainingCounters.recordScore(0.69);
        TrainingCounters.recordScore(0.52);
        assertEquals(0.52, v.lastScore(), 0.0);
    }

    @Test
    void snapshotsAreNumberedAndCarryTheCounters() {
        TrainingCounters.recordMinibatch(10);
        TrainingCounters.recordScore(0.5);
        TrainingCounters.recordNd4jThreads(2);
        ExecutorReport a = TrainingCounters.snapshot("3");
        ExecutorReport b = TrainingCounters.snapshot("3");
        assertTrue(b.sequence() > a.sequence());
        assertEquals("3", a.executorId());
        assertEquals(10, a.examples());
        assertEquals(1, a.minibatches());
        assertEquals(0.5, a.lastScore(), 0.0);
        assertTrue(a.scoreMillis() > 0);
        assertEquals(2, a.nd4jThreads());
        assertEquals(-1, a.healthPass());
        assertNull(a.health());
    }

    @Test
    void healthOfOnePassIsMergedANewerPassReplacesAnOlderOneIsIgnored() {
        TrainingCounters.recordHealth(4, Reports.oneLayer(4, 0));
        TrainingCounters.recordHealth(4, Reports.oneLayer(4, 1));
        assertEquals(0.5, TrainingCounters.view().deadFraction(0), 0.0); // units 2, 3 dead
        TrainingCounters.recordHealth(6, Reports.oneLayer(4, 0, 1, 2));
        assertEquals(0.25, TrainingCounters.view().deadFraction(0), 0.0);
        TrainingCounters.recordHealth(4, Reports.oneLayer(4)); // a straggler of pass 4
        assertEquals(0.25, TrainingCounters.view().deadFraction(0), 0.0);
        ExecutorReport r = TrainingCounters.snapshot("1");
        assertEquals(6, r.healthPass());
        assertEquals(0.25, r.health().layer(0).deadFraction(), 0.0);
    }

    @Test
    void outsideASparkTaskThePassIsZero() {
        TrainingCounters.recordHealth(Reports.oneLayer(2, 1));
        assertEquals(0, TrainingCounters.snapshot("driver").healthPass());
        assertEquals(0.5, TrainingCounters.view().deadFraction(0), 0.0);
    }
}
