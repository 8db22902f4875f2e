package no.katapult.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops processes with their descendants: SIGTERM first, SIGKILL for what is left after a grace period. */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /** The process and all its descendants, captured now: once a parent is gone its children are re-parented. */
    public static List<ProcessHandle> withDescendants(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(root);
        return all;
    }

    /** Stops every given process; returns the number that needed SIGKILL. */
    public static int stop(List<ProcessHandle> processes, Duration grace) {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = alive.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (TimeoutException e) {
            int killed = 0;
            for (ProcessHandle p : alive) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                    killed++;
                }
            }
            CompletableFuture.allOf(exits).completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            return killed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            alive.forEach(ProcessHandle::destroyForcibly);
            return alive.size();
        } catch (java.util.concurrent.ExecutionException e) {
            return 0;
        }
    }
}
