package io.sparkact.bench.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel table's derived columns, from times chosen so that every ratio is exact. */
class KernelReportTest {

    @Test
    void ratiosToReluAndFractionsOfCopyBandwidth() {
        Map<String, Map<String, Double>> times = new LinkedHashMap<>();
        times.put(Kernels.COPY, Map.of(KernelSection.FORWARD, 2.0, KernelSection.FORWARD_BACKWARD, 2.0));
        times.put(Kernels.ND4J_RELU, Map.of(KernelSection.FORWARD, 2.5, KernelSection.FORWARD_BACKWARD, 8.0));
        // hswish: fwd 3.0 ms = 1.2x relu, copy/fwd = 2/3 = 67%; fwd+bwd 10 ms = 1.25x relu, 20/8 * 2/10 = 50%: met
        times.put("hswish", Map.of(KernelSection.FORWARD, 3.0, KernelSection.FORWARD_BACKWARD, 10.0));
        // sigmoid: fwd 5.0 ms = 2x relu, 40%: missed
        times.put("sigmoid", Map.of(KernelSection.FORWARD, 5.0, KernelSection.FORWARD_BACKWARD, 10.0));
        String md = KernelReport.render(times, 1 << 20);
        assertTrue(md.contains("| hswish                     |   3.00 |       1.20 |           67% |      10.00 |"
                + "           1.25 |               50% | met       |"), md);
        assertTrue(md.contains("| sigmoid                    |   5.00 |       2.00 |           40% |      10.00 |"
                + "           1.25 |               50% | missed    |"), md);
        assertTrue(md.contains("| copy (memcpy)              |   2.00 |       0.80 |          100% |            |"), md);
        // 8 bytes x 2^20 elements in 2 ms = 4.19 GB/s
        assertTrue(md.contains("Copy bandwidth: 4.2 GB/s"), md);
        assertTrue(md.contains("1 of 2 catalogue kernels meet both"), md);
    }
}
