package no.katapult.launcher;

import no.katapult.launcher.console.Console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The processes of a running stack, by part name. It tells a part that stopped on its own (a failure: the
 * stack stops) from a part stopped on purpose ({@code ./catapult stop <part>}), and starts a stopped part
 * again with the same command, environment, log prefix and pid file.
 *
 * <p>A part counts as supervised only once it is ready: a part that dies while starting is reported to whoever
 * started it (the launcher's start-up or the control), not treated as a crash of the running stack.
 */
final class Supervisor {

    private final PidFiles pids;
    private final Duration grace;
    private final Object lock = new Object();
    /** Parts with a live (or starting) process, in start order; each is stopped when the stack stops. */
    private final Map<String, Child> running = new LinkedHashMap<>();
    /** Parts stopped on purpose, kept to start the same command again. */
    private final Map<String, Child> stopped = new LinkedHashMap<>();
    private final Set<Child> supervised = new HashSet<>();
    /** Processes the launcher did not start as children but whose death is a failure, e.g. the postmaster. */
    private final Map<String, ProcessHandle> watched = new LinkedHashMap<>();
    private boolean stopping;
    private String failure;

    Supervisor(PidFiles pids, Duration grace) {
        this.pids = pids;
        this.grace = grace;
    }

    /** Records a started process and its pid file; when the stack is already stopping, stops it and throws. */
    Child register(Child child) {
        synchronized (lock) {
            if (!stopping) {
                running.put(child.name(), child);
                pids.write(child.name(), List.of(child.handle()));
                child.handle().onExit().thenRun(() -> exited(child));
                return child;
            }
        }
        child.stop(grace);
        throw new LauncherException("stopping");
    }

    /** Drops a process that ended as planned (the build), with its pid file. */
    void forget(Child child) {
        synchronized (lock) {
            running.remove(child.name(), child);
            pids.delete(child.name());
        }
    }

    /** From now on every registered process is supervised: its exit is a failure of the stack. */
    void superviseAll() {
        synchronized (lock) {
            running.values().forEach(this::supervise);
        }
    }

    private void supervise(Child child) {
        // Keycloak's kc.sh keeps a java child: record it too, so a later run finds it after a kill -9.
        pids.write(child.name(), ProcessTrees.withDescendants(child.handle()));
        supervised.add(child);
        if (!child.isAlive()) {
            exitedLocked(child);
        }
    }

    /** Watches a process that is not a child of ours (the postmaster): its exit is a failure unless unwatched first. */
    void watch(String name, ProcessHandle process) {
        synchronized (lock) {
            watched.put(name, process);
        }
        process.onExit().thenRun(() -> {
            synchronized (lock) {
                if (!stopping && failure == null && watched.get(name) == process) {
                    failure = name + " (pid " + process.pid() + ") stopped unexpectedly; stopping the stack.";
                    lock.notifyAll();
                }
            }
        });
    }

    void unwatch(String name) {
        synchronized (lock) {
            watched.remove(name);
        }
    }

    private void exited(Child child) {
        synchronized (lock) {
            exitedLocked(child);
        }
    }

    private void exitedLocked(Child child) {
        if (stopping || failure != null || !supervised.contains(child) || running.get(child.name()) != child) {
            return;
        }
        failure = child.name() + " stopped unexpectedly (exit code " + child.waitForExitCode()
                + "); stopping the stack. Its log: " + child.logFile();
        lock.notifyAll();
    }

    /** Blocks until a supervised part fails (its message) or the stack stops (empty). */
    Optional<String> awaitFailure() {
        synchronized (lock) {
            while (failure == null && !stopping) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return stopping ? Optional.empty() : Optional.of(failure);
        }
    }

    /** The failure seen so far, without waiting. */
    Optional<String> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** No new process from now on; returns those to stop, with their descendants captured now. */
    List<Child> beginStopping() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            return new ArrayList<>(running.values());
        }
    }

    /** Deletes the pid files of every part this supervisor knows. */
    void deletePidFiles() {
        synchronized (lock) {
            running.keySet().forEach(pids::delete);
            stopped.keySet().forEach(pids::delete);
        }
    }

    /** Whether the part has a process now. */
    boolean isRunning(String name) {
        synchronized (lock) {
            return running.containsKey(name);
        }
    }

    boolean isStoppedOnPurpose(String name) {
        synchronized (lock) {
            return stopped.containsKey(name);
        }
    }

    Optional<Child> child(String name) {
        synchronized (lock) {
            return Optional.ofNullable(running.get(name));
        }
    }

    /** Stops a part on purpose: the stack keeps running. Returns how many of its processes needed SIGKILL. */
    int stopPart(String name) {
        Child child;
        synchronized (lock) {
            if (stopping) {
                throw new LauncherException("the stack is stopping");
            }
            child = running.remove(name);
            if (child == null) {
                throw new LauncherException(name + " is not running");
            }
            supervised.remove(child);
            stopped.put(name, child);
        }
        int killed = child.stop(grace);
        pids.delete(name);
        return killed;
    }

    /**
     * Starts a part stopped on purpose again, with the same command, environment, log and pid file, and waits
     * until {@code ready} says so. On failure the part stays stopped and the stack keeps running.
     */
    Child startPart(String name, BooleanSupplier ready, Duration timeout) {
        Child previous;
        synchronized (lock) {
            if (stopping) {
                throw new LauncherException("the stack is stopping");
            }
            if (running.containsKey(name)) {
                throw new LauncherException(name + " is already running");
            }
            previous = stopped.get(name);
            if (previous == null) {
                throw new LauncherException(name + " was not stopped through the launcher");
            }
        }
        Child child = register(previous.respawn());
        Console.line(name, "started again (pid " + child.handle().pid() + ")");
        long deadline = System.nanoTime() + timeout.toNanos();
        String problem = null;
        while (problem == null && !ready.getAsBoolean()) {
            if (!child.isAlive()) {
                problem = name + " exited with code " + child.waitForExitCode() + " while starting";
            } else if (stopping()) {
                problem = "the stack is stopping";
            } else if (System.nanoTime() > deadline) {
                problem = name + " was not ready within " + timeout.toSeconds() + " s";
            } else {
                Stack.sleep(250);
            }
        }
        synchronized (lock) {
            if (problem == null && running.get(name) == child && !stopping) {
                stopped.remove(name);
                supervise(child);
                return child;
            }
            running.remove(name, child);
            stopped.put(name, child);
        }
        child.stop(grace);
        pids.delete(name);
        throw new LauncherException((problem != null ? problem : name + " was stopped while starting")
                + ". Last lines of " + child.logFile() + ":\n" + child.tail(8));
    }
}
