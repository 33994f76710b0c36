package org.rramlab.kernel.execution;

/** The cell was stopped by a Jupyter interrupt; the kernel and everything defined before stay alive. */
public final class CellInterruptedException extends Exception {
    CellInterruptedException() {
        super("the cell was interrupted");
    }
}
