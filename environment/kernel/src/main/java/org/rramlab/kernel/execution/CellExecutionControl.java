package org.rramlab.kernel.execution;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs snippets directly in the kernel's JVM, as IJava does, on one worker thread of their own (not the kernel's
 * message threads). The same worker runs every snippet, so thread-locals survive from cell to cell: ND4J keeps its
 * random generator ({@code Nd4j.getRandom()}) and workspaces per thread, and a seed set in one cell must still hold
 * in the next.
 *
 * <p>{@link #invoke} keeps the snippet's real value (not its string form, which is all JShell passes on) and hands
 * JShell a key instead; {@link #takeResult} swaps the key for the value. {@link #stop} first interrupts the worker
 * (enough for sleeps, waits and I/O) and, if the code ignores that (a busy loop), stops it with
 * {@link Thread#stop()}, which is what JShell's own local execution does on Java 17. The worker survives that
 * (the {@link ThreadDeath} ends only the snippet); should it die, the executor starts a new one.
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** How long an interrupted cell may take to notice before its thread is stopped the hard way. */
    private static final long GRACE_MILLIS = 300;
    private static final Object NULL = new Object();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ExecutorService worker;
    private final AtomicReference<Thread> runningThread = new AtomicReference<>();
    private volatile Future<Object> runningTask;
    private volatile boolean stopRequested;

    CellExecutionControl(RuntimeClassLoader loader) {
        super(new CellLoaderDelegate(loader));
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "rramlab-cells");
            thread.setContextClassLoader(loader);
            thread.setDaemon(true);
            return thread;
        });
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
        Future<Object> task = worker.submit(() -> {
            Thread.interrupted(); // an interrupt meant for an earlier cell must not hit this one
            runningThread.set(Thread.currentThread());
            try {
                return doitMethod.invoke(null);
            } finally {
                runningThread.set(null);
            }
        });
        runningTask = task;
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
            runningTask = null;
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
        Future<Object> task = runningTask;
        Thread thread = runningThread.get();
        if (task == null || thread == null) {
            return;
        }
        stopRequested = true;
        thread.interrupt();
        try {
            task.get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            try {
                if (runningThread.get() == thread) {
                    thread.stop();
                }
            } catch (UnsupportedOperationException gone) {
                // Java 20+: Thread.stop is gone; the cell runs on until it checks for interrupts.
                System.err.println("rramlab kernel: the cell ignores interrupts and this Java cannot stop it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // the cell ended (by the interrupt, or on its own)
        }
    }

    /** Ends the worker thread with the kernel. */
    public void shutdown() {
        worker.shutdownNow();
    }
}
