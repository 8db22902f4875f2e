package no.katapult.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * With CATAPULT_CDS=true, a dynamic AppCDS archive per service instance and for Keycloak, so that a restart maps the classes its
 * first start loaded instead of reading, parsing and verifying each one again (bench/jvm-options.sh measures it).
 * The first start runs with -XX:+RecordDynamicDumpInfo; once it is ready, before the stack counts as ready,
 * {@code jcmd <pid> VM.cds dynamic_dump} writes the archive under a temporary name, which is then
 * renamed into place: a start never finds a half-written archive, whatever stopped the dump. The name carries
 * a fingerprint of the JVM and of the jar, so another JDK or a rebuilt service gets a new archive (the JVM would
 * refuse a stale one and start without it). JDK 17's JVM does all of this; no library does it for us.
 */
final class ClassDataSharing {

    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(2);
    static final String QUIET = "-Xlog:cds*=error";

    private final Path dir;
    private final boolean enabled;
    private final Path jcmd;

    ClassDataSharing(Path dir, boolean enabled) {
        this.dir = dir;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.enabled = enabled && Files.isExecutable(jcmd);
    }

    boolean enabled() {
        return enabled;
    }

    /** The JVM options of a start of {@code name} from {@code jar}: use its archive, or record what one needs. */
    List<String> options(String name, Path jar) {
        if (!enabled) {
            return List.of();
        }
        Path archive = archive(name, jar);
        // The dump warns about every class it skips; a stale archive is refused and the JVM starts without it.
        return List.of(Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:+RecordDynamicDumpInfo",
                QUIET);
    }

    /** Whether a start of {@code name} from {@code jar} ran without an archive, so that one should be written. */
    boolean needsArchive(String name, Path jar) {
        return enabled && !Files.exists(archive(name, jar));
    }

    /**
     * Writes the archive of the running JVM {@code pid}, started with {@link #options} while it had none. Returns
     * the archive's size in bytes; throws when jcmd fails (the JVM stopped, or was not started to record).
     */
    long dump(String name, Path jar, long pid) throws IOException, InterruptedException {
        Path archive = archive(name, jar);
        Files.createDirectories(dir);
        Path partial = dir.resolve(archive.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.cds", "dynamic_dump", partial.toString())
                .redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            if (!p.waitFor(DUMP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd took more than " + DUMP_TIMEOUT.toSeconds() + " s");
            }
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (p.exitValue() != 0 || !Files.exists(partial) || Files.size(partial) == 0) {
            Files.deleteIfExists(partial);
            throw new IOException("jcmd VM.cds dynamic_dump failed: " + output);
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        removeOthers(name, archive);
        return Files.size(archive);
    }

    /** The archive of {@code name} for this JVM and this build of {@code jar}. */
    Path archive(String name, Path jar) {
        return dir.resolve(name + "-" + fingerprint(jar) + ".jsa");
    }

    /**
     * The JVM and the jars a CDS archive was made from: the JVM checks the size and time of each jar on the class
     * path (quarkus-run.jar and the lib/boot jars its manifest names) and refuses an archive made from others.
     */
    static String fingerprint(Path jar) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.vm.version") + "\n" + System.getProperty("java.home") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            Path boot = jar.toAbsolutePath().getParent().resolve("lib").resolve("boot");
            List<Path> jars;
            try (Stream<Path> files = Files.isDirectory(boot) ? Files.list(boot) : Stream.empty()) {
                jars = Stream.concat(Stream.of(jar.toAbsolutePath()), files.sorted()).toList();
            }
            for (Path j : jars) {
                sha.update((j + " " + Files.size(j) + " " + Files.getLastModifiedTime(j).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Archives of earlier builds of the same instance: nothing will map them again. */
    private void removeOthers(String name, Path keep) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> !f.equals(keep))
                    .filter(f -> f.getFileName().toString().matches("\\Q" + name + "\\E-[0-9a-f]{16}\\.jsa(\\.partial)?"))
                    .toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
