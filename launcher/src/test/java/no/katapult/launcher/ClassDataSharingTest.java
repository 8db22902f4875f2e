package no.katapult.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real JVM records its classes, jcmd dumps them, and a second JVM starts with the archive (-Xshare:on, or
 * -XX:AOTMode=on for an AOT cache, proves it maps). The AOT cache needs a JDK 25 or later besides the one running the
 * tests: this machine has one under /usr/lib/jvm; a machine with JDK 17 alone skips that test.
 */
class ClassDataSharingTest {

    /** Prints "ready" and waits for its input to close; with "--exit" it ends at once. */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            System.out.flush();
            if (args.length == 0) {
                while (System.in.read() >= 0) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path tmp;

    @Test
    void aFirstStartRecordsTheDumpIsRenamedIntoPlaceAndTheNextStartMapsIt() throws Exception {
        Path jar = sleeperJar();
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), true, List.of());
        assertTrue(cds.enabled(), "jcmd is in this JDK");
        assertEquals(List.of("-XX:+RecordDynamicDumpInfo", ClassDataSharing.QUIET), cds.options("sleeper", jar));
        assertTrue(cds.needsArchive("sleeper", jar));

        assertTrue(recordAndDump(cds, JAVA_HOME, List.of(), jar) > 0);
        Path archive = cds.archive("sleeper", jar);
        assertTrue(Files.size(archive) > 0);
        assertFalse(Files.exists(tmp.resolve("cds").resolve(archive.getFileName() + ".partial")), "renamed into place");
        assertFalse(cds.needsArchive("sleeper", jar));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, ClassDataSharing.QUIET), cds.options("sleeper", jar));

        // -Xshare:on: the JVM refuses to start rather than run without the archive.
        assertStarts(JAVA_HOME, cds.options("sleeper", jar), "-Xshare:on", jar);
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneIsRemovedWhenItIsWritten() throws Exception {
        Path jar = sleeperJar();
        String before = ClassDataSharing.fingerprint("jdk 17", jar);
        assertEquals(before, ClassDataSharing.fingerprint("jdk 17", jar), "stable while nothing changes");
        assertNotEquals(before, ClassDataSharing.fingerprint("jdk 25", jar), "another JVM refuses the archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        assertNotEquals(before, ClassDataSharing.fingerprint("jdk 17", jar), "the JVM checks the jar's time, so must the name");

        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), true, List.of());
        Files.createDirectories(tmp.resolve("cds"));
        Path stale = tmp.resolve("cds").resolve("sleeper-" + before + ".jsa");
        Path otherInstance = tmp.resolve("cds").resolve("sleeper-2-" + before + ".jsa");
        Files.writeString(stale, "old");
        Files.writeString(otherInstance, "another instance's");
        recordAndDump(cds, JAVA_HOME, List.of(), jar);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(otherInstance));
    }

    @Test
    @EnabledIf("aJdkWithAotCacheIsInstalled")
    void onJdk25TheFirstStartRecordsJcmdEndsTheRecordingAndTheNextStartUsesTheAotCache() throws Exception {
        Path jdk = jdkWithAotCache().orElseThrow();
        Path jar = sleeperJar();
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), true, jdk, List.of("-Xmx64m"));
        assertTrue(cds.aotCache());
        Path cache = cds.archive("sleeper", jar);
        assertTrue(cache.getFileName().toString().endsWith(".aot"));
        assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + cache + "conf", ClassDataSharing.QUIET_AOT),
                cds.options("sleeper", jar));

        assertTrue(recordAndDump(cds, jdk, List.of("-Xmx64m"), jar) > 0, "assembled with the service's -Xmx64m");
        assertFalse(Files.exists(tmp.resolve("cds").resolve(cache.getFileName() + "conf")), "the configuration is gone");
        assertFalse(Files.exists(tmp.resolve("cds").resolve(cache.getFileName() + ".partial")), "renamed into place");
        assertFalse(cds.needsArchive("sleeper", jar));
        assertEquals(List.of("-XX:AOTCache=" + cache, ClassDataSharing.QUIET_AOT), cds.options("sleeper", jar));

        // -XX:AOTMode=on: the JVM refuses to start rather than run without the cache.
        List<String> withHeap = new ArrayList<>(List.of("-Xmx64m"));
        withHeap.addAll(cds.options("sleeper", jar));
        assertStarts(jdk, withHeap, "-XX:AOTMode=on", jar);
    }

    @Test
    @EnabledIf("aJdkWithAotCacheIsInstalled")
    void keycloaksArchiveIsADynamicCdsArchiveEvenOnJdk25() throws Exception {
        ClassDataSharing kc = new ClassDataSharing(tmp.resolve("cds"), true, jdkWithAotCache().orElseThrow(), List.of())
                .dynamicOnly();
        assertFalse(kc.aotCache());
        Path jar = sleeperJar();
        assertEquals(List.of("-XX:+RecordDynamicDumpInfo", ClassDataSharing.QUIET), kc.options("keycloak", jar));
        assertTrue(kc.archive("keycloak", jar).getFileName().toString().endsWith(".jsa"));
    }

    @Test
    void theFeatureReleaseIsReadFromTheJdksReleaseFile() {
        assertEquals(17, ClassDataSharing.feature("IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n"));
        assertEquals(25, ClassDataSharing.feature("JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\nJAVA_VERSION=\"25.0.3\"\n"));
        assertEquals(8, ClassDataSharing.feature("JAVA_VERSION=\"1.8.0_452\"\n"));
        assertEquals(0, ClassDataSharing.feature(""));
    }

    @Test
    void onJdk17TheArchiveIsADynamicCdsArchive() throws Exception {
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), true, JAVA_HOME, List.of());
        assertEquals(Runtime.version().feature() >= ClassDataSharing.AOT_CACHE_FEATURE, cds.aotCache());
        assertFalse(new ClassDataSharing(tmp.resolve("cds"), false, jdkWithAotCache().orElse(JAVA_HOME), List.of())
                        .aotCache(),
                "off is off on any JDK");
    }

    @Test
    void otherJvmOptionsGetAnotherArchive() throws Exception {
        Path jar = sleeperJar();
        Path g1 = new ClassDataSharing(tmp.resolve("cds"), true, List.of("-Xmx256m")).archive("sleeper", jar);
        assertEquals(g1, new ClassDataSharing(tmp.resolve("cds"), true, List.of("-Xmx256m")).archive("sleeper", jar));
        assertNotEquals(g1, new ClassDataSharing(tmp.resolve("cds"), true, List.of("-Xmx256m", "-XX:+UseSerialGC"))
                .archive("sleeper", jar), "an archive made with G1 would be refused by a JVM with the serial collector");
    }

    @Test
    void offMeansNoOptionsAndNoArchive() throws Exception {
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), false, List.of());
        assertEquals(List.of(), cds.options("sleeper", sleeperJar()));
        assertFalse(cds.needsArchive("sleeper", sleeperJar()));
    }

    private Path sleeperJar() throws Exception {
        Path jar = tmp.resolve("sleeper.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        String entry = Sleeper.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             var in = Sleeper.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
        return jar;
    }

    static boolean aJdkWithAotCacheIsInstalled() {
        return jdkWithAotCache().isPresent();
    }

    /** A JDK 25 or later under /usr/lib/jvm (Debian's and Temurin's packages put theirs there). */
    private static Optional<Path> jdkWithAotCache() {
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin").resolve("jcmd")))
                    .filter(home -> {
                        try {
                            return ClassDataSharing.feature(Files.readString(home.resolve("release")))
                                    >= ClassDataSharing.AOT_CACHE_FEATURE;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts a JVM of {@code javaHome} with {@code jvmOptions} (those {@code cds} was made for) and the recording
     * options, dumps its archive once it is ready (which must leave it running), and stops it. Returns its size.
     */
    private long recordAndDump(ClassDataSharing cds, Path javaHome, List<String> jvmOptions, Path jar) throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(cds.options("sleeper", jar));
        Process recording = java(javaHome, options, jar);
        try {
            awaitReady(recording);
            long bytes = cds.dump("sleeper", jar, recording.pid());
            assertTrue(recording.isAlive(), "writing the archive leaves the JVM running");
            return bytes;
        } finally {
            recording.getOutputStream().close();
            recording.waitFor(30, TimeUnit.SECONDS);
            recording.destroyForcibly();
        }
    }

    /** A JVM with {@code options} and {@code strict} (which makes a missing or refused archive fatal) runs and exits 0. */
    private static void assertStarts(Path javaHome, List<String> options, String strict, Path jar) throws Exception {
        List<String> all = new ArrayList<>(options);
        all.add(strict);
        Process p = java(javaHome, all, jar, "--exit");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static Process java(Path javaHome, List<String> options, Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), Sleeper.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
    }
}
