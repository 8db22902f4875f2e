package no.katapult.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One file per started part under {@code .catapult/run/}, each line {@code pid startMillis}. The start
 * time guards against a recycled pid: a line only matches the very process that was started. After a
 * {@code kill -9} of the launcher these files are how the next run finds what is left.
 */
public final class PidFiles {

    private final Path dir;

    public PidFiles(Path dir) {
        this.dir = dir;
    }

    public Path file(String name) {
        return dir.resolve(name + ".pid");
    }

    public void write(String name, List<ProcessHandle> processes) {
        StringBuilder sb = new StringBuilder();
        for (ProcessHandle p : processes) {
            Optional<Instant> start = p.info().startInstant();
            sb.append(p.pid()).append(' ').append(start.map(Instant::toEpochMilli).orElse(0L)).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(file(name), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of all pid files present. */
    public List<String> names() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes of a pid file that still run (same pid and same start time). */
    public List<ProcessHandle> alive(String name) {
        Path f = file(name);
        if (!Files.exists(f)) {
            return List.of();
        }
        List<ProcessHandle> result = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 2) {
                    continue;
                }
                long pid = Long.parseLong(parts[0]);
                long started = Long.parseLong(parts[1]);
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started)
                        .ifPresent(result::add);
            }
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
        return result;
    }
}
