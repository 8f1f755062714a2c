package dev.cape.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SameThreadTaskRunnerTest {

    @Test
    void failureGoesToOnFailureAndNotToOnSuccess() {
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicReference<Object> value = new AtomicReference<>();
        runner.run("fails", p -> {
            throw boom;
        }, TaskCallbacks.of(value::set, failed::set));
        assertSame(boom, failed.get());
        assertNull(value.get());
    }

    @Test
    void successRunsOnTheCallingThreadAndReportsProgress() {
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        Thread caller = Thread.currentThread();
        List<TaskCallbacks.Progress> progress = new ArrayList<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<Integer> value = new AtomicReference<>();
        runner.run("works", p -> {
            ranOn.set(Thread.currentThread());
            p.progress("step", 1, 4);
            return 42;
        }, TaskCallbacks.<Integer>of(value::set, e -> { }).withProgress(progress::add));
        assertEquals(42, value.get());
        assertSame(caller, ranOn.get());
        assertEquals(List.of(new TaskCallbacks.Progress(0.25, "step")), progress);
        assertEquals(1, runner.started());
    }
}
