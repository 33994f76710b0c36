package org.rramlab.kernel.execution;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Installs the classes JShell compiles into a {@link RuntimeClassLoader} and finds them again by name. */
final class CellLoaderDelegate implements LoaderDelegate {
    private final RuntimeClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    CellLoaderDelegate(RuntimeClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        try {
            classesRedefined(classes);
            for (int i = 0; i < classes.length; i++) {
                Class<?> type = loader.loadClass(classes[i].name());
                loaded.put(classes[i].name(), type);
                installed[i] = true;
            }
        } catch (Throwable t) {
            throw new ClassInstallException(String.valueOf(t), installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    loader.addPath(Path.of(entry));
                }
            }
        } catch (RuntimeException e) {
            throw new InternalException(e.toString());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = loaded.get(name);
        if (type == null) {
            throw new ClassNotFoundException(name);
        }
        return type;
    }
}
