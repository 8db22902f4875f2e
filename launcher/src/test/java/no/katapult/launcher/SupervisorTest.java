package no.katapult.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parts stopped on purpose versus parts that die, and parts started again, with real processes. */
class SupervisorTest {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    void aPartStoppedOnPurposeIsNoFailureAndStartsAgainWithTheSameCommandEnvironmentLogAndPidFile(@TempDir Path dir)
            throws Exception {
        PidFiles pids = new PidFiles(dir.resolve("run"));
        Supervisor supervisor = new Supervisor(pids, GRACE);
        Child first = supervisor.register(Child.start("svc", List.of("bash", "-c", "echo \"started $MARK\"; exec sleep 300"),
                Map.of("MARK", "same-env"), dir, dir.resolve("logs")));
        Child other = supervisor.register(sleeper("other", dir));
        supervisor.superviseAll();
        awaitLog(first.logFile(), 1);

        supervisor.stopPart("svc");

        assertFalse(first.isAlive());
        assertTrue(other.isAlive(), "the rest keeps running");
        assertFalse(Files.exists(pids.file("svc")), "no pid file while stopped");
        assertTrue(supervisor.isStoppedOnPurpose("svc"));
        Thread.sleep(300);
        assertEquals(Optional.empty(), supervisor.failure(), "stopped on purpose is no failure");

        Child again = supervisor.startPart("svc", () -> true, Duration.ofSeconds(10));

        assertNotEquals(first.handle().pid(), again.handle().pid());
        assertEquals(first.command(), again.command());
        assertEquals(first.environment(), again.environment());
        assertEquals(first.logFile(), again.logFile());
        assertEquals(List.of(again.handle()), pids.alive("svc"), "the same pid file names the new process");
        awaitLog(again.logFile(), 2);
        assertEquals(List.of("started same-env", "started same-env"), Files.readAllLines(again.logFile()),
                "the log is appended to, and the environment is the same");
        assertFalse(supervisor.isStoppedOnPurpose("svc"));

        // Once started again it is supervised: dying now is a failure of the stack.
        again.handle().destroyForcibly();
        String failure = supervisor.awaitFailure().orElseThrow();
        assertTrue(failure.startsWith("svc stopped unexpectedly"), failure);
        stopAll(supervisor);
    }

    @Test
    void aPartThatDiesOnItsOwnIsAFailure(@TempDir Path dir) {
        Supervisor supervisor = new Supervisor(new PidFiles(dir.resolve("run")), GRACE);
        supervisor.register(sleeper("steady", dir));
        supervisor.register(Child.start("crashy", List.of("bash", "-c", "sleep 0.3; exit 3"), Map.of(), dir, dir));
        supervisor.superviseAll();

        String failure = supervisor.awaitFailure().orElseThrow();

        assertTrue(failure.startsWith("crashy stopped unexpectedly (exit code 3)"), failure);
        stopAll(supervisor);
    }

    @Test
    void aPartThatFailsToStartAgainStaysStoppedAndTheStackKeepsRunning(@TempDir Path dir) {
        Path flag = dir.resolve("broken");
        Supervisor supervisor = new Supervisor(new PidFiles(dir.resolve("run")), GRACE);
        supervisor.register(Child.start("svc", List.of("bash", "-c", "[ -f \"$FLAG\" ] && exit 7; exec sleep 300"),
                Map.of("FLAG", flag.toString()), dir, dir));
        supervisor.superviseAll();
        supervisor.stopPart("svc");
        touch(flag);

        LauncherException e = assertThrows(LauncherException.class,
                () -> supervisor.startPart("svc", () -> false, Duration.ofSeconds(10)));

        assertTrue(e.getMessage().contains("svc exited with code 7 while starting"), e.getMessage());
        assertTrue(supervisor.isStoppedOnPurpose("svc"), "it can be started again later");
        assertEquals(Optional.empty(), supervisor.failure());
        assertThrows(LauncherException.class, () -> supervisor.stopPart("svc"), "not running");
        stopAll(supervisor);
    }

    @Test
    void aPartThatIsNotReadyInTimeIsStoppedAgain(@TempDir Path dir) {
        Supervisor supervisor = new Supervisor(new PidFiles(dir.resolve("run")), GRACE);
        supervisor.register(sleeper("svc", dir));
        supervisor.superviseAll();
        supervisor.stopPart("svc");

        LauncherException e = assertThrows(LauncherException.class,
                () -> supervisor.startPart("svc", () -> false, Duration.ofMillis(600)));

        assertTrue(e.getMessage().contains("was not ready within"), e.getMessage());
        assertFalse(supervisor.isRunning("svc"));
        assertTrue(supervisor.beginStopping().isEmpty(), "no process left to stop");
    }

    @Test
    void refusals(@TempDir Path dir) {
        Supervisor supervisor = new Supervisor(new PidFiles(dir.resolve("run")), GRACE);
        supervisor.register(sleeper("svc", dir));
        supervisor.superviseAll();

        assertThrows(LauncherException.class, () -> supervisor.startPart("svc", () -> true, GRACE), "already running");
        assertThrows(LauncherException.class, () -> supervisor.startPart("nothing", () -> true, GRACE));
        assertThrows(LauncherException.class, () -> supervisor.stopPart("nothing"));
        stopAll(supervisor);
        assertThrows(LauncherException.class, () -> supervisor.stopPart("svc"), "the stack is stopping");
    }

    @Test
    void whenTheStackStopsPartsStartedAgainAreAmongThoseStoppedAndNothingNewStarts(@TempDir Path dir) {
        PidFiles pids = new PidFiles(dir.resolve("run"));
        Supervisor supervisor = new Supervisor(pids, GRACE);
        supervisor.register(sleeper("a", dir));
        supervisor.register(sleeper("b", dir));
        supervisor.superviseAll();
        supervisor.stopPart("a");
        Child again = supervisor.startPart("a", () -> true, GRACE);

        List<Child> toStop = supervisor.beginStopping();

        assertTrue(toStop.contains(again), "a part started again is stopped with the stack");
        assertEquals(List.of("b", "a"), toStop.stream().map(Child::name).toList());
        List<ProcessHandle> all = new ArrayList<>();
        toStop.forEach(c -> all.addAll(ProcessTrees.withDescendants(c.handle())));
        ProcessTrees.stop(all, GRACE);
        all.forEach(p -> assertFalse(p.isAlive(), "left behind: " + p.pid()));
        assertEquals(Optional.empty(), supervisor.awaitFailure(), "stopping is no failure");

        Child late = Child.start("late", List.of("sleep", "300"), Map.of(), dir, dir);
        assertThrows(LauncherException.class, () -> supervisor.register(late));
        assertTrue(late.handle().onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() != null,
                "a process registered while stopping is stopped at once");
        supervisor.deletePidFiles();
        assertEquals(List.of(), pids.names());
    }

    @Test
    void aWatchedProcessThatDiesIsAFailureUnlessUnwatchedFirst(@TempDir Path dir) throws Exception {
        Supervisor supervisor = new Supervisor(new PidFiles(dir.resolve("run")), GRACE);
        Process planned = new ProcessBuilder("sleep", "300").start();
        supervisor.watch("postgres", planned.toHandle());
        supervisor.unwatch("postgres");
        planned.destroy();
        planned.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertEquals(Optional.empty(), supervisor.failure(), "stopped after unwatch: on purpose");

        Process crash = new ProcessBuilder("sleep", "300").start();
        supervisor.watch("postgres", crash.toHandle());
        CompletableFuture<Optional<String>> failure = CompletableFuture.supplyAsync(supervisor::awaitFailure);
        crash.destroy();

        String message = failure.get(10, TimeUnit.SECONDS).orElseThrow();
        assertTrue(message.startsWith("postgres (pid " + crash.pid() + ") stopped unexpectedly"), message);
        stopAll(supervisor);
    }

    private static Child sleeper(String name, Path dir) {
        return Child.start(name, List.of("sleep", "300"), Map.of(), dir, dir);
    }

    private static void stopAll(Supervisor supervisor) {
        List<ProcessHandle> all = new ArrayList<>();
        supervisor.beginStopping().forEach(c -> all.addAll(ProcessTrees.withDescendants(c.handle())));
        ProcessTrees.stop(all, GRACE);
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitLog(Path log, int lines) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(log) && Files.readAllLines(log).size() >= lines) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
