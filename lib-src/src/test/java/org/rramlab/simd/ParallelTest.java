package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pool's hand-offs: every index once, failures rethrown, nested splits inline, and back-to-back calls. */
class ParallelTest {

    @Test void everyIndexRunsExactlyOnceOverManyBackToBackCalls() {
        int n = 1 << 17;
        int[] hits = new int[n];
        for (int call = 0; call < 2_000; call++) {   // a training step hands off pieces this fast
            Parallel.forRange(n, 1 << 10, (from, to) -> {
                for (int i = from; i < to; i++) hits[i]++;
            });
        }
        for (int i = 0; i < n; i++) assertEquals(2_000, hits[i], "index " + i);
    }

    @Test void tasksRunOnceEachAndTheWorkersTakeSome() {
        AtomicLong sum = new AtomicLong();
        AtomicInteger onWorkers = new AtomicInteger();
        for (int call = 0; call < 500; call++) {
            Parallel.forEachTask(Parallel.threads(), t -> {
                sum.addAndGet(t + 1);
                if (Thread.currentThread().getName().startsWith("rramlab-worker")) onWorkers.incrementAndGet();
                long until = System.nanoTime() + 200_000;   // long enough for a worker to claim the other pieces
                while (System.nanoTime() < until) Thread.onSpinWait();
            });
        }
        int t = Parallel.threads();
        assertEquals(500L * t * (t + 1) / 2, sum.get());
        if (t > 1) assertTrue(onWorkers.get() > 0, "no piece ran on a worker in 500 calls");
    }

    @Test void aFailingShareIsRethrownToTheCaller() {
        for (int call = 0; call < 50; call++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEachTask(Math.max(2, Parallel.threads()), t -> {
                if (t == 1) throw new IllegalStateException("share 1 failed");
            }));
            assertEquals("share 1 failed", e.getMessage());
        }
        // the pool still works after failures
        int[] hits = new int[4];
        Parallel.forEachTask(4, t -> hits[t]++);
        assertArrayEquals(new int[] {1, 1, 1, 1}, hits);
    }

    @Test void nestedSplitsOnAWorkerRunInlineThere() {   // a worker waiting on its own pool could deadlock it
        AtomicInteger inner = new AtomicInteger();
        Parallel.forEachTask(Math.max(2, Parallel.threads()), t -> {
            Thread outer = Thread.currentThread();
            Parallel.forEachTask(3, u -> {
                if (outer.getName().startsWith("rramlab-worker")) assertSame(outer, Thread.currentThread(), "a worker's nested piece left it");
                inner.incrementAndGet();
            });
        });
        assertEquals(3 * Math.max(2, Parallel.threads()), inner.get());
        int[] serial = new int[8];
        Parallel.serially(() -> {
            String caller = Thread.currentThread().getName();
            Parallel.forEachTask(8, t -> {
                assertEquals(caller, Thread.currentThread().getName());
                serial[t]++;
            });
            return null;
        });
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, serial);
    }
}
