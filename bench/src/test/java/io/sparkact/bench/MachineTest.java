package io.sparkact.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void cpuModelAndCountFromCpuinfo() {
        List<String> cpuinfo = List.of("processor\t: 0", "model name\t: AMD EPYC 7B13", "flags\t: sse",
                "", "processor\t: 1", "model name\t: AMD EPYC 7B13");
        assertTrue(Machine.cpu(cpuinfo).startsWith("AMD EPYC 7B13 x 2 logical CPUs ("), Machine.cpu(cpuinfo));
    }

    @Test
    void memoryInGibFromMeminfo() {
        // 24,641,536 kB / 1024^2 = 23.5 GiB
        assertEquals("23.5 GiB", Machine.memory(List.of("MemTotal:       24641536 kB", "MemFree: 1 kB")));
        assertEquals("unknown", Machine.memory(List.of()));
    }
}
