package io.sparkact.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkact.train.InMemoryData;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class SampleCacheTest {

    @TempDir
    Path dir;

    @BeforeEach
    void empty() {
        SampleCache.clear();
    }

    /** A data set of {@code rows} examples whose first feature is {@code first}: tells two files apart. */
    private static String save(Path file, int rows, float first) throws Exception {
        float[] f = new float[rows * 3];
        f[0] = first;
        MultiDataSet m = new MultiDataSet(Nd4j.create(f, new long[] {rows, 3}), Nd4j.zeros(rows, 1));
        InMemoryData.of(List.of(m)).save(file.toString());
        return file.toString();
    }

    private static float first(InMemoryData d) {
        return d.batches(1_000, null).get(0).getFeatures(0).getFloat(0, 0);
    }

    @Test
    void theSecondTrialOfASweepDoesNotReadTheFileAgain() throws Exception {
        String p = save(dir.resolve("train.bin"), 10, 1f);
        long reads = SampleCache.reads();
        InMemoryData a = SampleCache.get(p);
        InMemoryData b = SampleCache.get(p);
        assertSame(a, b);
        assertEquals(reads + 1, SampleCache.reads());
        assertEquals(10, a.examples());
    }

    @Test
    void aFileRewrittenUnderTheSamePathIsReadAgain() throws Exception {
        String p = save(dir.resolve("train.bin"), 10, 1f);
        InMemoryData before = SampleCache.get(p);
        save(dir.resolve("train.bin"), 12, 2f); // another length: a new key even within the clock's resolution
        InMemoryData after = SampleCache.get(p);
        assertNotSame(before, after);
        assertEquals(12, after.examples());
        assertEquals(2f, first(after));
        assertEquals(1f, first(before), "the trial still holding the old sample keeps it intact");
    }

    @Test
    void twoTrialsAskingAtOnceWaitForOneRead() throws Exception {
        String p = save(dir.resolve("train.bin"), 2_000, 3f);
        long reads = SampleCache.reads();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<InMemoryData> a = pool.submit(() -> {
                go.await();
                return SampleCache.get(p);
            });
            Future<InMemoryData> b = pool.submit(() -> {
                go.await();
                return SampleCache.get(p);
            });
            go.countDown();
            assertSame(a.get(), b.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(reads + 1, SampleCache.reads());
    }

    @Test
    void aThirdFileEvictsTheLeastRecentlyUsed() throws Exception {
        String a = save(dir.resolve("a.bin"), 10, 1f);
        String b = save(dir.resolve("b.bin"), 10, 2f);
        String c = save(dir.resolve("c.bin"), 10, 3f);
        SampleCache.get(a);
        SampleCache.get(b);
        SampleCache.get(a); // a is now the most recent; b the eldest
        long reads = SampleCache.reads();
        SampleCache.get(c); // evicts b
        SampleCache.get(a);
        assertEquals(reads + 1, SampleCache.reads(), "a stayed");
        SampleCache.get(b);
        assertEquals(reads + 2, SampleCache.reads(), "b was read again");
        assertEquals(2, SampleCache.MAX_ENTRIES);
    }

    @Test
    void aMissingSampleNamesThePath() {
        String p = dir.resolve("gone.bin").toString();
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> SampleCache.get(p));
        assertTrue(e.getMessage().contains("gone.bin"), e.getMessage());
    }
}
