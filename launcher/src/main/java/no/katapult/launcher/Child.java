package no.katapult.launcher;

import no.katapult.launcher.console.Console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process the launcher started. Its output (stdout and stderr together) is echoed with the part's
 * name as prefix and also written to {@code .catapult/logs/<name>.log}. It remembers how it was started,
 * so that {@link #respawn()} starts the very same command again (./catapult start|restart).
 */
public final class Child {

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path logDir;
    private final Process process;
    private final Path logFile;
    private final boolean appendLog;
    private final Thread pump;

    private Child(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir,
                  Process process, boolean appendLog) {
        this.name = name;
        this.command = command;
        this.env = env;
        this.workDir = workDir;
        this.logDir = logDir;
        this.process = process;
        this.logFile = logDir.resolve(name + ".log");
        this.appendLog = appendLog;
        this.pump = new Thread(this::pumpOutput, "log-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    public static Child start(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir) {
        return start(name, command, env, workDir, logDir, false);
    }

    private static Child start(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir,
                               boolean appendLog) {
        List<String> commandCopy = List.copyOf(command);
        Map<String, String> envCopy = Map.copyOf(env);
        ProcessBuilder pb = new ProcessBuilder(commandCopy)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(envCopy);
        try {
            Files.createDirectories(logDir);
            return new Child(name, commandCopy, envCopy, workDir, logDir, pb.start(), appendLog);
        } catch (IOException e) {
            throw new LauncherException(name + " could not be started: " + e.getMessage(), e);
        }
    }

    /** Starts the same command again, with the same environment, directory and log prefix; the log is appended to. */
    public Child respawn() {
        return start(name, command, env, workDir, logDir, true);
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> environment() {
        return env;
    }

    public String name() {
        return name;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    public int waitForExitCode() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the process and its descendants; returns how many needed SIGKILL. */
    public int stop(Duration grace) {
        int killed = ProcessTrees.stop(ProcessTrees.withDescendants(process.toHandle()), grace);
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return killed;
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = appendLog
                     ? Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                             StandardOpenOption.APPEND)
                     : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                Console.line(name, line);
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            // The stream closes when the process dies; nothing is lost that matters.
        }
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
