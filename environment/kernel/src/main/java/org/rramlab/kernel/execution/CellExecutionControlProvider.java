package org.rramlab.kernel.execution;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell the one {@link CellExecutionControl} of this kernel, so the kernel can reach it afterwards. */
final class CellExecutionControlProvider implements ExecutionControlProvider {
    private final CellExecutionControl control;

    CellExecutionControlProvider(CellExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "rramlab-direct";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
