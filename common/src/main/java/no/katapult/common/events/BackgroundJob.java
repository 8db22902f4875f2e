package no.katapult.common.events;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task run again and again on its own daemon thread, {@code interval} after the previous run ended. For the
 * outbox's jobs that must run more often than Quarkus's scheduler can (its simple scheduler ticks once a
 * second, so {@code every = "0.2s"} quietly becomes one second). A run that throws is logged and the next
 * run comes as usual. Runs never overlap; {@link #pause()} waits for a run in progress to end.
 */
public final class BackgroundJob implements AutoCloseable {

    private final String name;
    private final Runnable task;
    private final Logger log;
    private final ScheduledExecutorService executor;
    private final Object running = new Object();
    private volatile boolean paused;

    private BackgroundJob(String name, Runnable task, Logger log) {
        this.name = name;
        this.task = task;
        this.log = log;
        this.executor = Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }

    /** Daemon threads named {@code name}, {@code name-2}, ...: background work never keeps a JVM alive. */
    public static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            int n = count.incrementAndGet();
            Thread t = new Thread(r, n == 1 ? name : name + "-" + n);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts {@code task} after {@code initialDelay}, then {@code interval} after each run. */
    public static BackgroundJob start(String name, Duration initialDelay, Duration interval, Runnable task, Logger log) {
        BackgroundJob job = new BackgroundJob(name, task, log);
        job.executor.scheduleWithFixedDelay(job::runOnce, initialDelay.toMillis(), Math.max(1, interval.toMillis()),
                TimeUnit.MILLISECONDS);
        return job;
    }

    private void runOnce() {
        if (paused) {
            return;
        }
        synchronized (running) {
            if (paused) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // The database may be restarting; the next run tries again and nothing is lost meanwhile.
                log.debugf("%s skipped a run: %s", name, e.getMessage());
            }
        }
    }

    /** Stops running the task until {@link #resume()}; returns once a run in progress has ended. */
    public void pause() {
        paused = true;
        synchronized (running) {
            // a run in progress has ended
        }
    }

    public void resume() {
        paused = false;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
