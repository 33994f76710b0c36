/**
 * Running cells: JShell with direct execution in the kernel's JVM ({@link org.rramlab.kernel.execution.CodeEvaluator}),
 * the cell worker thread and its interruption ({@link org.rramlab.kernel.execution.CellExecutionControl}), the class
 * loader that {@code %jars} extends ({@link org.rramlab.kernel.execution.RuntimeClassLoader}) and the errors a cell
 * can end with.
 */
package org.rramlab.kernel.execution;
