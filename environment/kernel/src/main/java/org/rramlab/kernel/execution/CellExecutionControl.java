package org.rramlab.kernel.execution;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs snippets directly in the kernel's JVM, as IJava does, each on a thread of its own so that an interrupt can
 * stop it without touching the kernel's threads.
 *
 * <p>{@link #invoke} keeps the snippet's real value (not its string form, which is all JShell passes on) and hands
 * JShell a key instead; {@link #takeResult} swaps the key for the value. {@link #stop} first interrupts the cell
 * thread (enough for sleeps, waits and I/O) and, if the code ignores that (a busy loop), stops the thread with
 * {@link Thread#stop()}, which is what JShell's own local execution does on Java 17.
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** How long an interrupted cell may take to notice before its thread is stopped the hard way. */
    private static final long GRACE_MILLIS = 300;
    private static final Object NULL = new Object();
    private static final AtomicInteger CELL_THREADS = new AtomicInteger();

    private final RuntimeClassLoader loader;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private volatile Thread running;
    private volatile boolean stopRequested;

    CellExecutionControl(RuntimeClassLoader loader) {
        super(new CellLoaderDelegate(loader));
        this.loader = loader;
    }

    /**
     * The value a snippet produced, by the key JShell reported as its value. JShell reports its own text for
     * statements and void calls (no key of ours), which yields null, as does a null value.
     */
    public Object takeResult(String key) {
        Object value = results.remove(key);
        return value == NULL ? null : value;
    }

    /** Forgets values nobody took (JShell drops the keys of some snippet kinds), so none are kept alive. */
    public void clearResults() {
        results.clear();
    }

    /** True once a stop was requested for the current cell; cleared by {@link #clearStop()}. */
    public boolean stopRequested() {
        return stopRequested;
    }

    public void clearStop() {
        stopRequested = false;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopRequested) {
            // An interrupted cell with several statements: skip the rest.
            throw new StoppedException();
        }
        FutureTask<Object> task = new FutureTask<>(() -> doitMethod.invoke(null));
        Thread thread = new Thread(task, "rramlab-cell-" + CELL_THREADS.incrementAndGet());
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        running = thread;
        thread.start();
        Object value;
        try {
            value = task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (stopRequested) {
                throw new StoppedException();
            }
            throw asUserException(cause);
        } finally {
            running = null;
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    /** JShell carries a user exception's class name, message, stack and causes across as strings. */
    private static UserException asUserException(Throwable t) {
        UserException e = new UserException(String.valueOf(t.getMessage()), t.getClass().getName(), t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            e.initCause(asUserException(t.getCause()));
        }
        return e;
    }

    @SuppressWarnings("removal")
    @Override
    public void stop() {
        Thread thread = running;
        if (thread == null) {
            return;
        }
        stopRequested = true;
        thread.interrupt();
        try {
            thread.join(GRACE_MILLIS);
            if (thread.isAlive()) {
                thread.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Java 20+: Thread.stop is gone; the cell keeps its thread until it checks for interrupts.
            System.err.println("rramlab kernel: the cell ignores interrupts and this Java cannot stop its thread");
        }
    }
}
