package org.rramlab.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.rramlab.simd.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rramlab.train.Progress;

/**
 * Runs a sweep on this machine: the cells not yet finished in the results folder, on a pool of worker threads (one
 * per core by default), each cell one {@link CellRun}. Each finished cell is appended to the folder at once, so a sweep
 * killed midway resumes where it stopped; a cell that fails is reported with its error ({@code cells/<id>/error.txt}) and
 * the others go on, and a rerun retries it. Cells are independent and seeded by their spec, so the same cell gives the
 * same numbers whichever worker runs it and in whatever order (tested). For single-threaded cells, start the JVM with
 * {@code OMP_NUM_THREADS=1} ({@code ./lab sweep} does) so that the workers do not oversubscribe the cores.
 */
public final class LocalSweep {
    private LocalSweep() {}

    /** The default worker count: the cores of this machine. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Where {@link #run(SweepSpec)} writes: {@code target/sweeps/<name>-<hash of base and record>}. */
    public static Path defaultFolder(SweepSpec spec) {
        String env = System.getProperty("rramlab.sweeps", System.getenv("RRAMLAB_SWEEPS"));
        Path base = env != null && !env.isBlank() ? Path.of(env) : repositoryRoot().resolve("target").resolve("sweeps");
        return base.resolve(spec.name() + "-" + spec.base().profile().lowerName() + "-" + spec.identityHash());
    }

    /** Runs {@code spec} into its default folder on one worker per core, progress on the installed display. */
    public static SweepFolder run(SweepSpec spec) {
        return run(spec, defaultFolder(spec), defaultWorkers(), Progress.display());
    }

    /**
     * Runs the unfinished cells of {@code spec} into {@code out} on {@code workers} threads, reporting one step per cell.
     * Throws a {@link SweepException} listing the failed cells after the others finished.
     */
    public static SweepFolder run(SweepSpec spec, Path out, int workers, Progress progress) {
        if (workers < 1) throw new SweepException("sweep " + spec.name(), "", "workers = " + workers + ": expected >= 1");
        Progress p = progress == null ? Progress.none() : progress;
        SweepFolder folder = SweepFolder.open(out, spec);
        List<Cell> todo = folder.remaining();
        int before = folder.finishedCount();
        p.start(String.format(Locale.ROOT, "sweep %s: %d cells to run (%d of %d done before), %d worker(s)", spec.name(), todo.size(), before,
                spec.cells().size(), Math.min(workers, Math.max(1, todo.size()))), todo.size());
        if (todo.isEmpty()) {
            p.finish("nothing to run: all " + spec.cells().size() + " cells finished -> " + org.rramlab.experiment.Experiment.shown(out));
            return folder;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, todo.size()), r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<CellResult> done = new ExecutorCompletionService<>(pool);
        List<Future<CellResult>> futures = new ArrayList<>();
        List<Cell> byFuture = new ArrayList<>();
        // several cells at once keep the cores busy themselves: each runs its products on its own thread (one cell
        // alone keeps the engine's split over the cores); same numbers either way
        boolean serial = Math.min(workers, todo.size()) > 1;
        for (Cell c : todo) {
            java.util.function.Supplier<CellResult> cell = () -> CellRun.run(c, folder.cellsDir(), spec.record());
            futures.add(done.submit(() -> serial ? Parallel.serially(cell) : cell.get()));
            byFuture.add(c);
        }
        List<String> failures = new ArrayList<>();
        AtomicInteger count = new AtomicInteger();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < todo.size(); i++) {
                Future<CellResult> f = done.take();
                Cell c = byFuture.get(futures.indexOf(f));
                try {
                    CellResult r = f.get();
                    folder.append(r);
                    p.advance(count.incrementAndGet(), status(c, r));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    folder.failed(c, cause);
                    failures.add(c.id() + " (" + c.describe() + "): " + cause);
                    p.advance(count.incrementAndGet(), c.describe() + ": FAILED (" + cause.getMessage() + ")");
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep " + spec.name() + " interrupted; " + folder.finishedCount() + " cells finished, rerun to resume", e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        p.finish(String.format(Locale.ROOT, "%d cells in %s (%.1f s per cell per worker) -> %s", todo.size() - failures.size(),
                SweepProgress.duration(seconds), seconds * Math.min(workers, todo.size()) / todo.size(), org.rramlab.experiment.Experiment.shown(out)));
        if (!failures.isEmpty()) {
            throw new SweepException("sweep " + spec.name(), "", failures.size() + " of " + todo.size() + " cells failed (their errors are in "
                    + out.resolve("cells") + "/<id>/error.txt; the other cells' results are kept and a rerun retries only these): "
                    + String.join("; ", failures));
        }
        return folder;
    }

    /** "prune.keepFraction=0.3, seed=2: final 0.726". */
    static String status(Cell c, CellResult r) {
        var first = r.figures().entrySet().stream().findFirst();
        return c.describe() + first.map(e -> String.format(Locale.ROOT, ": %s %.4g", e.getKey(), e.getValue())).orElse("");
    }

    static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("lab")) && Files.isDirectory(d.resolve("lib-src"))) return d;
        }
        return Path.of("").toAbsolutePath();
    }

    static String now() {
        return Instant.now().atOffset(ZoneOffset.UTC).toString();
    }
}
