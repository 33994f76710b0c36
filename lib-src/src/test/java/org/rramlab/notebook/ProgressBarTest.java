package org.rramlab.notebook;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    /** Records what a notebook would receive. */
    static final class RecordingTarget implements Show.Target {
        final List<String> displayed = new ArrayList<>();
        final List<String> updates = new ArrayList<>();

        @Override
        public String display(Object value) {
            displayed.add(((Show.Rich) value).text());
            return "id-" + displayed.size();
        }

        @Override
        public void update(String id, Object value) {
            assertEquals("id-1", id);
            updates.add(((Show.Rich) value).text());
        }
    }

    @Test
    void headlessPrintsOneLinePerFinishedTask() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.headless(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.start("epoch 1/2", 100);
        for (int i = 1; i <= 100; i++) {
            bar.advance(i, "loss 0.5");
        }
        bar.finish("test acc 80.0 %");
        bar.start("epoch 2/2", 100);
        bar.finish("test acc 82.5 %");
        assertEquals("epoch 1/2: test acc 80.0 %\nepoch 2/2: test acc 82.5 %\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void notebookBarIsUpdatedInPlaceAndThrottled() {
        RecordingTarget target = new RecordingTarget();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = ProgressBar.drawingOn(target, now::get);
        bar.start("epoch 1", 1000);
        // 1000 steps 1 ms apart: about one redraw per 200 ms, not one per step.
        for (int i = 1; i <= 1000; i++) {
            now.addAndGet(1_000_000);
            bar.advance(i, "loss " + i);
        }
        bar.finish("acc 90.0 %");
        assertEquals(1, target.displayed.size(), "one display, then updates in place");
        assertTrue(target.updates.size() >= 5 && target.updates.size() <= 7, "updates: " + target.updates.size());
        String last = target.updates.get(target.updates.size() - 1);
        assertEquals("epoch 1: acc 90.0 %  (0:01)", last, "finished line replaces the bar");
    }

    @Test
    void aRunOfManyTasksLeavesOneNamedSummaryLine() {
        RecordingTarget target = new RecordingTarget();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = ProgressBar.drawingOn(target, now::get).named("fashion, ci");
        for (int epoch = 1; epoch <= 30; epoch++) {
            bar.start("epoch " + epoch + "/30", 10);
            now.addAndGet(1_000_000_000L);
            bar.advance(5, "loss 0.5");
            String running = target.updates.get(target.updates.size() - 1);
            assertTrue(running.startsWith("fashion, ci · epoch " + epoch + "/30 ["), running);
            assertTrue(running.split("\n").length <= 2, "the bar and at most the last finished line: " + running);
            bar.finish("acc " + epoch);
        }
        bar.start("run fashion", 1);
        bar.finish("test acc 84.2 %");
        assertEquals(1, target.displayed.size(), "one display for the whole run");
        assertEquals("fashion, ci · run fashion: test acc 84.2 %  (31 steps, 0:30)", target.updates.get(target.updates.size() - 1));
    }

    @Test
    void barLineShowsCountsPercentElapsedEtaAndStatus() {
        RecordingTarget target = new RecordingTarget();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = ProgressBar.drawingOn(target, now::get);
        bar.start("sweep", 4);
        now.set(30_000_000_000L);
        bar.advance(1, "keep 0.1");
        assertEquals("sweep [########......................] 1/4  25.0 % 0:30 < 1:30 keep 0.1",
                bar.barLine(now.get()));
        assertThrows(IllegalArgumentException.class, () -> bar.start("bad", -1));
        assertEquals("1:01:01", ProgressBar.clock(3661_000_000_000L));
    }
}
