package org.rramlab.simd;

/**
 * The library's own use of the CPU cores: a range of work split into one contiguous share per core, the caller's
 * thread doing the first share and a fixed pool of workers the others. ND4J and OpenBLAS run one thread per
 * calling thread here ({@code OMP_NUM_THREADS=1}, set by {@code ./lab} and the kernel): their own thread pools wait for
 * each other in {@code sched_yield} loops (system time equal to user time, measured) and, on a shared machine, for a
 * partner that is not running. These workers poll for new pieces for 50 µs, with the CPU's
 * pause instruction and never through the kernel, then park until handed one; each calls the native kernels
 * single-threaded on its own share.
 *
 * <p>Threads: the system property {@code rramlab.threads}, else the environment variable {@code RRAMLAB_THREADS},
 * else the number of available processors; 1 runs everything on the caller's thread. Shares must not depend on each
 * other; results must not depend on where the range is cut (for those that do: {@link #forEachTask}).
 */
public final class Parallel {
    private Parallel() {}

    private static final int THREADS = configuredThreads();
    /**
     * How long an idle thread (a worker between pieces, a caller waiting for one) keeps polling before it parks. A
     * parked worker took ~40 µs to start a piece handed to it, and missed a quarter of 50 µs pieces (the caller ran
     * them itself); polling, 2 µs. The pieces of one layer follow each other within microseconds, so a short poll
     * catches them; measured on whole epochs the gain is small (MLP 2–5 % in three alternated pairs, the CNN within
     * noise) and the polling costs 1–5 % more CPU time. The poll is the CPU's pause instruction in user space, bounded,
     * never a yield to the kernel. System property {@code rramlab.spinMicros} (default 50; 0: always park at once).
     */
    private static final long SPIN_NANOS = configuredSpinMicros() * 1_000L;
    private static final java.util.concurrent.ConcurrentLinkedQueue<Piece> QUEUE = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final Worker[] WORKERS = startWorkers();
    /** Set on the pool's threads' shares, so that nested calls run inline instead of waiting on the same pool. */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    /** A pool thread: runs queued pieces, polls for a while when there are none, then parks until handed one. */
    private static final class Worker extends Thread {
        /** Set while parked (or about to); whoever clears it owes the worker an unpark, so two submits wake two workers. */
        private final java.util.concurrent.atomic.AtomicBoolean parked = new java.util.concurrent.atomic.AtomicBoolean();

        Worker() {
            super("rramlab-worker");
            setDaemon(true);
        }

        @Override public void run() {
            INSIDE.set(true);
            long idleSince = System.nanoTime();
            while (true) {
                Piece piece = QUEUE.poll();
                if (piece != null) {
                    piece.run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked.set(true);   // announced before the last look at the queue: submit() sees it, or we see its piece
                    if (QUEUE.isEmpty()) java.util.concurrent.locks.LockSupport.park(this);
                    parked.set(false);
                    Thread.interrupted();   // nobody interrupts the pool; a stray interrupt must not make park() spin
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    private static Worker[] startWorkers() {
        Worker[] workers = new Worker[Math.max(0, THREADS - 1)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            workers[i].start();
        }
        return workers;
    }

    private static void submit(Piece piece) {
        QUEUE.offer(piece);
        for (Worker w : WORKERS) {
            if (w.parked.compareAndSet(true, false)) {
                java.util.concurrent.locks.LockSupport.unpark(w);
                return;
            }
        }
    }

    /** One share handed to the workers; whoever claims it first (a worker or the caller) runs it. */
    private static final class Piece {
        private final Share share;
        private final int from, to;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile boolean done;
        private volatile Thread waiter;
        private volatile Throwable failure;

        Piece(Share share, int from, int to) { this.share = share; this.from = from; this.to = to; }

        boolean claim() { return claimed.compareAndSet(false, true); }

        /** On a worker: runs the piece unless the caller took it already. */
        void run() {
            if (claim()) runHere();
        }

        void runHere() {
            try {
                share.run(from, to);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done = true;   // then a look at the waiter: the caller set it before its last look at done
                Thread w = waiter;
                if (w != null) java.util.concurrent.locks.LockSupport.unpark(w);
            }
        }

        /** Waits until the piece is done: polling for {@link #SPIN_NANOS}, then parked. Returns its failure, if any. */
        Throwable await() {
            long start = System.nanoTime();
            while (!done && System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
            if (!done) {
                waiter = Thread.currentThread();
                boolean interrupted = false;
                while (!done) {
                    java.util.concurrent.locks.LockSupport.park(this);
                    if (Thread.interrupted()) interrupted = true;
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            return failure;
        }
    }

    /** A share of a range: indices [from, to). */
    @FunctionalInterface
    public interface Share {
        void run(int from, int to);
    }

    /** How many threads run a split range (1 = no split). */
    public static int threads() {
        return THREADS;
    }

    private static long configuredSpinMicros() {
        return setting(System.getProperty("rramlab.spinMicros"), "rramlab.spinMicros", 0, Long.MAX_VALUE, 50,
                "a whole number of microseconds >= 0");
    }

    private static int configuredThreads() {
        String value = System.getProperty("rramlab.threads");
        if (value == null || value.isBlank()) value = System.getenv("RRAMLAB_THREADS");
        return (int) setting(value, "rramlab.threads / RRAMLAB_THREADS", 1, Integer.MAX_VALUE,
                Math.max(1, Runtime.getRuntime().availableProcessors()), "a positive integer");
    }

    /** {@code value} as a whole number in [min, max]; {@code fallback} when unset; else a clear error. */
    private static long setting(String value, String name, long min, long max, long fallback, String expected) {
        if (value == null || value.isBlank()) return fallback;
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected " + expected + ", got '" + value + "'");
    }

    /**
     * Runs {@code work} on this thread with every split inside it run whole here: for callers that already keep the
     * cores busy with work of their own (a sweep's pool of cells, a Spark task, which owns one core). The numbers do
     * not change: the splits are cut from the sizes alone.
     */
    public static <T> T serially(java.util.function.Supplier<T> work) {
        boolean was = INSIDE.get();
        INSIDE.set(true);
        try {
            return work.get();
        } finally {
            INSIDE.set(was);
        }
    }

    /**
     * Runs tasks 0 … {@code tasks − 1}, spread over the threads in contiguous runs; returns when all are done. For work
     * whose result depends on how it is cut (a product's rounding depends on its block shape): the caller fixes the
     * cut from the sizes alone, so the numbers do not depend on the number of threads.
     */
    public static void forEachTask(int tasks, java.util.function.IntConsumer task) {
        forRange(tasks, 1, (from, to) -> { for (int t = from; t < to; t++) task.accept(t); });
    }

    /**
     * Runs {@code share} over [0, n) in at most {@link #threads()} contiguous pieces, the first on this thread; returns
     * when all are done. Splits only when {@code n >= minimum} (small work runs whole on this thread: a hand-off costs
     * tens of microseconds). An exception of any share is rethrown here.
     */
    public static void forRange(int n, int minimum, Share share) {
        int parts = INSIDE.get() ? 1 : Math.min(THREADS, n / Math.max(1, minimum));
        if (parts <= 1) {
            if (n > 0) share.run(0, n);
            return;
        }
        Piece[] pieces = new Piece[parts - 1];
        for (int p = 1; p < parts; p++) {
            Piece piece = new Piece(share, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts));
            pieces[p - 1] = piece;
            submit(piece);
        }
        Throwable failure = null;
        try {
            share.run(0, (int) ((long) n / parts));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // a piece no worker has started yet runs here: on a loaded machine a sleeping worker may wait milliseconds for
        // a CPU, and waiting for it would idle this thread too
        for (Piece piece : pieces) {
            if (piece.claim()) piece.runHere();
            Throwable f = piece.await();
            if (failure == null) failure = f;
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException("a parallel share failed", failure);
    }
}
