package org.rramlab.kernel.execution;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of user code: the classes JShell compiles from cells, plus every jar or folder that
 * {@code %jars} / {@code %classpath} add while the kernel runs. Its parent is the kernel's own loader, so cell code
 * sees the kernel's runtime API ({@code display(...)}) and the same base-kernel classes the kernel uses.
 */
public final class RuntimeClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Byte code of snippet classes by binary name; a redefined snippet replaces its entry. */
    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    public RuntimeClassLoader(ClassLoader parent) {
        super("rramlab-cells", new URL[0], parent);
    }

    void declare(String name, byte[] bytecode) {
        declared.put(name, bytecode);
    }

    /** Adds a jar or a class folder; later cells and the compiler see its classes. */
    public void addPath(Path path) {
        try {
            addURL(path.toAbsolutePath().normalize().toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("class path entry '" + path + "' is not a valid location", e);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytecode = declared.get(name);
        if (bytecode == null) {
            return super.findClass(name);
        }
        return defineClass(name, bytecode, 0, bytecode.length);
    }
}
