package org.rramlab.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** A test class whose tests share one kernel subprocess, started in a fresh working folder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KernelSession {
    @TempDir
    static Path work;
    KernelClient kernel;

    /** JVM options of the kernel process (none unless a test class needs some). */
    List<String> jvmArgs() {
        return List.of();
    }

    @BeforeAll
    void startKernel() throws Exception {
        kernel = new KernelClient(work, jvmArgs());
    }

    @AfterAll
    void stopKernel() {
        if (kernel != null) {
            kernel.close();
        }
    }
}
