/**
 * Answers to the Jupyter requests beyond execute and complete: {@code kernel_info_request} with every field the
 * message schema requires ({@link org.rramlab.kernel.protocol.KernelInfo}), {@code is_complete_request} from JShell's
 * own source analysis ({@link org.rramlab.kernel.protocol.Completeness}), {@code history_request}
 * ({@link org.rramlab.kernel.protocol.CellHistory}) and {@code inspect_request}
 * ({@link org.rramlab.kernel.protocol.Inspection}).
 */
package org.rramlab.kernel.protocol;
