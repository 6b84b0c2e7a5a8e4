package io.sparkact.bench.kernels;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory a pass allocates, as in DL4J training: inside a workspace that learns its size in the first pass
 * and is reset after each, so that outputs and temporaries are pointer bumps. Outside a workspace every 16 MB
 * temporary is a native allocation and, once enough have piled up, a wait for the garbage collector to free
 * them — measured at ~100 ms per allocation on a busy machine, which would swamp the arithmetic and is not what
 * a training step pays.
 */
final class PassWorkspace {

    static final String NAME = "SPARKACT_BENCH_PASS";
    static final WorkspaceConfiguration CONF = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private PassWorkspace() {
    }

    /** Opens the pass's workspace; close it when the pass ends. */
    static MemoryWorkspace open() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONF, NAME);
    }

    /** A layer workspace manager that puts every array type into the pass's workspace. */
    static LayerWorkspaceMgr layerManager() {
        return LayerWorkspaceMgr.builder().defaultWorkspace(NAME, CONF).build();
    }
}
