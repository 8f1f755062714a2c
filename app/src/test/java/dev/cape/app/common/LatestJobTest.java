package dev.cape.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One job at a time, the newest winning: results, errors, refusals, and the cancel of the job it replaces. */
class LatestJobTest {

    @Test
    void aResultArrivesAndAFailureShowsItsMessage() {
        LatestJob job = new LatestJob(new SameThreadTaskRunner());
        List<Integer> got = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        job.start("ok", p -> 42, got::add, () -> failed.add("x"));
        assertEquals(List.of(42), got);
        assertFalse(job.runningProperty().get());
        job.<Integer>start("bad", p -> {
            throw new IllegalArgumentException("data.csv, line 3: not a number");
        }, got::add, () -> failed.add("bad"));
        assertEquals(List.of("bad"), failed);
        assertEquals("data.csv, line 3: not a number", job.errorProperty().get());
        job.start("ok again", p -> 7, got::add, () -> { });
        assertEquals("", job.errorProperty().get(), "a new job clears the error");
        job.refuse("choose a family first");
        assertEquals("choose a family first", job.errorProperty().get());
    }

    @Test
    void startingAJobCancelsTheOneRunningAndOnlyItRuns() {
        List<String> cancelled = new ArrayList<>();
        List<Runnable> pending = new ArrayList<>();
        TaskRunner queued = new TaskRunner() {
            @Override
            public <T> TaskHandle run(String title, BackgroundJob<T> work, TaskCallbacks<T> callbacks) {
                pending.add(() -> {
                    try {
                        callbacks.onSuccess().accept(work.call(dev.cape.analysis.resampling.ProgressListener.NONE));
                    } catch (Exception e) {
                        callbacks.onFailure().accept(e);
                    }
                });
                return () -> cancelled.add(title);
            }
        };
        LatestJob job = new LatestJob(queued);
        job.start("first", p -> 1, v -> { }, () -> { });
        assertTrue(job.runningProperty().get());
        job.start("second", p -> 2, v -> { }, () -> { });
        assertEquals(List.of("first"), cancelled);
        assertTrue(job.runningProperty().get());
        pending.get(1).run();
        assertFalse(job.runningProperty().get());
        job.refuse("no");
        assertEquals(List.of("first", "second"), cancelled);
    }
}
