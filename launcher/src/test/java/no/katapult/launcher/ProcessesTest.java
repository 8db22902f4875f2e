package no.katapult.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pid files, process trees and port checks against real processes and sockets. */
class ProcessesTest {

    @Test
    void pidFilesMatchOnlyTheSameProcess(@TempDir Path dir) throws IOException {
        PidFiles pids = new PidFiles(dir);
        pids.write("self", List.of(ProcessHandle.current()));
        assertEquals(List.of(ProcessHandle.current()), pids.alive("self"));

        // Same pid, other start time: a recycled pid must not count as ours.
        Files.writeString(pids.file("recycled"), ProcessHandle.current().pid() + " 12345\n");
        assertTrue(pids.alive("recycled").isEmpty());
        assertTrue(pids.alive("missing").isEmpty());
        assertEquals(List.of("recycled", "self"), pids.names());
        pids.delete("self");
        assertEquals(List.of("recycled"), pids.names());
    }

    @Test
    void stoppingATreeStopsTheChildrenToo(@TempDir Path dir) throws Exception {
        // A shell and its child that both ignore SIGTERM (the child inherits it): only SIGKILL stops them.
        Child child = Child.start("tree", List.of("bash", "-c", "trap '' TERM; sleep 300 & wait"), Map.of(), dir, dir);
        ProcessHandle root = child.handle();
        List<ProcessHandle> tree = waitForChildren(root);
        assertEquals(2, tree.size(), "bash and sleep");

        int killed = child.stop(Duration.ofSeconds(2));

        assertEquals(2, killed, "both ignored SIGTERM and needed SIGKILL after the grace period");
        tree.forEach(p -> assertFalse(p.isAlive(), "still alive: " + p.pid()));
    }

    @Test
    void aTreeThatHonoursSigtermStopsWithinTheGracePeriod(@TempDir Path dir) throws Exception {
        Child child = Child.start("polite", List.of("bash", "-c", "sleep 300 & wait"), Map.of(), dir, dir);
        List<ProcessHandle> tree = waitForChildren(child.handle());

        assertEquals(0, child.stop(Duration.ofSeconds(10)));
        tree.forEach(p -> assertFalse(p.isAlive(), "still alive: " + p.pid()));
    }

    @Test
    void takenPortsAreNamed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            assertFalse(Ports.isFree(port));
            LauncherException e = assertThrows(LauncherException.class,
                    () -> Ports.requireFree(Map.of(port, "registry, REGISTRY_PORT")));
            assertTrue(e.getMessage().contains("port " + port + " (registry, REGISTRY_PORT)"), e.getMessage());
        }
    }

    private static List<ProcessHandle> waitForChildren(ProcessHandle root) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> tree = ProcessTrees.withDescendants(root);
            if (tree.size() > 1) {
                return tree;
            }
            Thread.sleep(50);
        }
        return ProcessTrees.withDescendants(root);
    }
}
