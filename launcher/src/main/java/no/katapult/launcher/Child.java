package no.katapult.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process the launcher started. Its output (stdout and stderr together) is echoed with the part's
 * name as prefix and also written to {@code .catapult/logs/<name>.log}.
 */
public final class Child {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread pump;

    private Child(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pump = new Thread(this::pumpOutput, "log-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    public static Child start(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        try {
            Files.createDirectories(logDir);
            return new Child(name, pb.start(), logDir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new LauncherException(name + " could not be started: " + e.getMessage(), e);
        }
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
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
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
