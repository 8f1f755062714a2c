package dev.cape.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The FX runner on the headless toolkit: work off the FX thread, callbacks on it, cancel interrupts. */
class FxTaskRunnerTest {

    final FxTaskRunner runner = new FxTaskRunner();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void shutdown() {
        runner.shutdown();
    }

    @Test
    void cancelInterruptsTheJobAndNoCallbackRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean called = new AtomicBoolean();
        AtomicReference<TaskHandle> handle = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> handle.set(runner.run("endless", p -> {
            started.countDown();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                throw new CancellationException("interrupted");
            } finally {
                stopped.countDown();
            }
        }, TaskCallbacks.of(v -> called.set(true), e -> called.set(true))))).get();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.asyncFx(() -> handle.get().cancel()).get();
        assertTrue(stopped.await(10, TimeUnit.SECONDS), "the worker was interrupted");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(called.get());
    }

    @Test
    void failureIsDeliveredOnTheFxThread() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean onFx = new AtomicBoolean();
        WaitForAsyncUtils.asyncFx(() -> runner.run("fails", p -> {
            throw new IllegalArgumentException("bad input");
        }, TaskCallbacks.of(v -> { }, e -> {
            onFx.set(Platform.isFxApplicationThread());
            failure.set(e);
            done.countDown();
        }))).get();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals("bad input", failure.get().getMessage());
        assertTrue(onFx.get());
    }

    @Test
    void resultAndProgressArriveOnTheFxThreadAndTheWorkDoesNot() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean workedOnFx = new AtomicBoolean(true);
        AtomicBoolean resultOnFx = new AtomicBoolean();
        AtomicBoolean progressOnFx = new AtomicBoolean(true);
        AtomicReference<Double> lastProgress = new AtomicReference<>(0.0);
        AtomicReference<String> result = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> runner.run("works", p -> {
            workedOnFx.set(Platform.isFxApplicationThread());
            p.progress("half", 1, 2);
            p.progress("all", 2, 2);
            return "done";
        }, TaskCallbacks.<String>of(v -> {
            resultOnFx.set(Platform.isFxApplicationThread());
            result.set(v);
            done.countDown();
        }, e -> { }).withProgress(pr -> {
            progressOnFx.compareAndSet(true, Platform.isFxApplicationThread());
            lastProgress.set(pr.fraction());
        }))).get();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("done", result.get());
        assertFalse(workedOnFx.get());
        assertTrue(resultOnFx.get());
        assertTrue(progressOnFx.get());
        assertEquals(1.0, lastProgress.get());
    }
}
