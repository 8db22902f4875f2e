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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * With CATAPULT_CDS=true, a class-data archive per service instance and for Keycloak, so that a restart maps the
 * classes its first start loaded instead of reading, parsing and verifying each one again (bench/jvm-options.sh
 * measures it). Two kinds, by the JDK that runs the services:
 * <ul>
 * <li>JDK 17 to 24: a dynamic AppCDS archive. The first start runs with -XX:+RecordDynamicDumpInfo; once it is
 * ready, {@code jcmd <pid> VM.cds dynamic_dump} writes the archive (the JVM stops meanwhile).</li>
 * <li>JDK 25 and later: an AOT cache (JEP 483, 514, 515), which also holds the classes linked and the methods'
 * profiles. The first start runs with -XX:AOTMode=record; once it is ready, {@code jcmd <pid> AOT.end_recording}
 * writes its configuration (the JVM stops meanwhile), and a JVM of its own assembles the cache from it
 * (-XX:AOTMode=create) while the service runs on. The one-step -XX:AOTCacheOutput would assemble inside
 * end_recording and stop the service about four times as long.</li>
 * </ul>
 * Either is written under a temporary name and then renamed into place: a start never finds a half-written archive,
 * whatever stopped the dump. The name carries a fingerprint of the JVM and of the jar, so another JDK or a rebuilt
 * service gets a new archive (the JVM would refuse a stale one and start without it). The JDK does all of this; no
 * library does it for us.
 */
final class ClassDataSharing {

    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(2);
    /** The first JDK whose AOT cache can be recorded up to a moment chosen by jcmd (AOT.end_recording). */
    static final int AOT_CACHE_FEATURE = 25;
    static final String QUIET = "-Xlog:cds*=error";
    static final String QUIET_AOT = "-Xlog:aot*=error,cds*=error";

    private final Path dir;
    private final boolean enabled;
    private final Path javaHome;
    private final int feature;
    private final boolean aot;
    private final String jvm;
    private final List<String> jvmOptions;

    /** For JVMs of this JDK started with {@code jvmOptions} (before the archive's own). */
    ClassDataSharing(Path dir, boolean enabled, List<String> jvmOptions) {
        this(dir, enabled, Path.of(System.getProperty("java.home")), jvmOptions);
    }

    /** For JVMs of the JDK in {@code javaHome}, which need not be the one running this code. */
    ClassDataSharing(Path dir, boolean enabled, Path javaHome, List<String> jvmOptions) {
        this(dir, enabled, javaHome, jvmOptions, true);
    }

    private ClassDataSharing(Path dir, boolean enabled, Path javaHome, List<String> jvmOptions, boolean aotAllowed) {
        this.dir = dir;
        this.javaHome = javaHome;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.enabled = enabled && Files.isExecutable(javaHome.resolve("bin").resolve("jcmd"));
        // An AOT cache made with another collector or heap is refused; options that changed get a new archive.
        this.jvm = javaHome.toAbsolutePath() + " " + release(javaHome) + "\n" + String.join(" ", jvmOptions);
        this.feature = feature(release(javaHome));
        this.aot = this.enabled && aotAllowed && feature >= AOT_CACHE_FEATURE;
    }

    /**
     * The same with dynamic CDS archives on any JDK, for a JVM started by a script of its own (Keycloak's kc.sh),
     * whose options the assembly of an AOT cache would have to repeat. Keycloak's classes come through Quarkus's own
     * class loader, which neither kind of archive holds, so it loses little.
     */
    ClassDataSharing dynamicOnly() {
        return new ClassDataSharing(dir, enabled, javaHome, List.of(), false);
    }

    boolean enabled() {
        return enabled;
    }

    /** Whether the archives are AOT caches (JDK 25 and later) rather than dynamic CDS archives. */
    boolean aotCache() {
        return aot;
    }

    /** The JVM options of a start of {@code name} from {@code jar}: use its archive, or record what one needs. */
    List<String> options(String name, Path jar) {
        if (!enabled) {
            return List.of();
        }
        Path archive = archive(name, jar);
        // The dump warns about every class it skips; a stale archive is refused and the JVM starts without it.
        if (aot) {
            if (Files.exists(archive)) {
                return List.of("-XX:AOTCache=" + archive, QUIET_AOT);
            }
            try {
                // The recording JVM opens its configuration file as it starts: the folder must exist.
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration(archive), QUIET_AOT);
        }
        return List.of(Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:+RecordDynamicDumpInfo",
                QUIET);
    }

    /** Whether a start of {@code name} from {@code jar} ran without an archive, so that one should be written. */
    boolean needsArchive(String name, Path jar) {
        return enabled && !Files.exists(archive(name, jar));
    }

    /**
     * Writes the archive of the running JVM {@code pid}, started from {@code jar} with the JVM options and then
     * {@link #options} while it had none; an AOT cache is assembled with the same JVM options (heap and collector
     * must match). Returns the archive's size in bytes; throws when a step fails (the JVM stopped, or was not
     * started to record).
     */
    long dump(String name, Path jar, long pid) throws IOException, InterruptedException {
        Path archive = archive(name, jar);
        Files.createDirectories(dir);
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        String jcmd = javaHome.resolve("bin").resolve("jcmd").toString();
        if (aot) {
            Path configuration = configuration(archive);
            run(List.of(jcmd, Long.toString(pid), "AOT.end_recording"), configuration);
            List<String> create = new ArrayList<>();
            create.add(javaHome.resolve("bin").resolve("java").toString());
            create.addAll(jvmOptions);
            create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                    "-XX:AOTCache=" + partial, QUIET_AOT, "-cp", jar.toString()));
            try {
                run(create, partial);
            } finally {
                Files.deleteIfExists(configuration);
            }
        } else {
            run(List.of(jcmd, Long.toString(pid), "VM.cds", "dynamic_dump", partial.toString()), partial);
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        removeOthers(name, archive);
        return Files.size(archive);
    }

    /** Runs {@code command}, which is to write {@code output}; throws with its output when it fails or does not. */
    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed;
        try (var in = p.getInputStream()) {
            if (!p.waitFor(DUMP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " took more than " + DUMP_TIMEOUT.toSeconds() + " s");
            }
            printed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (p.exitValue() != 0 || !Files.exists(output) || Files.size(output) == 0) {
            Files.deleteIfExists(output);
            throw new IOException(String.join(" ", command) + " failed: " + printed);
        }
    }

    /** The archive of {@code name} for this JVM and this build of {@code jar}. */
    Path archive(String name, Path jar) {
        return dir.resolve(name + "-" + fingerprint(jvm, jar) + (aot ? ".aot" : ".jsa"));
    }

    /** The AOT configuration the recording start writes, from which the cache is assembled. */
    private static Path configuration(Path archive) {
        return archive.resolveSibling(archive.getFileName() + "conf");
    }

    /** The JDK's release file (its version and build), or "" when it has none. */
    private static String release(Path javaHome) {
        try {
            return Files.readString(javaHome.resolve("release"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The feature release in a release file's JAVA_VERSION="25.0.3" (JAVA_VERSION="1.8.0_..." is 8); 0 if none. */
    static int feature(String release) {
        Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(release);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The JVM (with its options) and the jars an archive was made from: the JVM checks the size and time of each
     * jar on the class path and refuses an archive made from others. quarkus-run.jar, written anew by every build,
     * and the lib/boot jars its manifest names stand for them all.
     */
    static String fingerprint(String jvm, Path jar) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((jvm + "\n").getBytes(StandardCharsets.UTF_8));
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
                    .filter(f -> f.getFileName().toString().matches("\\Q" + name + "\\E-[0-9a-f]{16}\\.(jsa|aot|aotconf)(\\.partial)?"))
                    .toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
