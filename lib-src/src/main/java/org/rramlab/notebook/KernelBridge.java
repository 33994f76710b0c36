package org.rramlab.notebook;

import java.lang.reflect.Method;

/**
 * Finds the Jupyter kernel this JVM runs in, if any: the rramlab kernel
 * ({@code org.rramlab.kernel.RramlabKernel.getKernelInstance()}), else IJava
 * ({@code io.github.spencerpark.ijava.IJava.getKernelInstance()}). Reflection, because the library is compiled
 * without either kernel and must also run headless (tests, benchmarks), where neither exists.
 */
final class KernelBridge {
    private static final String[] KERNEL_CLASSES = {
            "org.rramlab.kernel.RramlabKernel",
            "io.github.spencerpark.ijava.IJava",
    };

    private KernelBridge() {}

    /** The running kernel (a {@code BaseKernel}), or null when there is none. */
    static Object kernel() {
        for (String name : KERNEL_CLASSES) {
            Object kernel = instanceOf(name);
            if (kernel != null) {
                return kernel;
            }
        }
        return null;
    }

    private static Object instanceOf(String className) {
        for (ClassLoader loader : new ClassLoader[]{
                Thread.currentThread().getContextClassLoader(), KernelBridge.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                Class<?> type = Class.forName(className, false, loader);
                Method get = type.getMethod("getKernelInstance");
                Object kernel = get.invoke(null);
                if (kernel != null) {
                    return kernel;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not this kernel
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }
}
