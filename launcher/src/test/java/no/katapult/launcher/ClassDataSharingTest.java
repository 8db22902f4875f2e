package no.katapult.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real JVM records its classes, jcmd dumps them, and a second JVM starts with the archive (-Xshare:on proves it maps). */
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

    @TempDir
    Path tmp;

    @Test
    void aFirstStartRecordsTheDumpIsRenamedIntoPlaceAndTheNextStartMapsIt() throws Exception {
        Path jar = sleeperJar();
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), true);
        assertTrue(cds.enabled(), "jcmd is in this JDK");
        assertEquals(List.of("-XX:+RecordDynamicDumpInfo", ClassDataSharing.QUIET), cds.options("sleeper", jar));
        assertTrue(cds.needsArchive("sleeper", jar));

        Process recording = java(cds.options("sleeper", jar), jar);
        try {
            awaitReady(recording);
            long bytes = cds.dump("sleeper", jar, recording.pid());
            assertTrue(bytes > 0);
        } finally {
            recording.getOutputStream().close();
            recording.waitFor(30, TimeUnit.SECONDS);
            recording.destroyForcibly();
        }
        Path archive = cds.archive("sleeper", jar);
        assertTrue(Files.size(archive) > 0);
        assertFalse(Files.exists(tmp.resolve("cds").resolve(archive.getFileName() + ".partial")), "renamed into place");
        assertFalse(cds.needsArchive("sleeper", jar));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, ClassDataSharing.QUIET), cds.options("sleeper", jar));

        // -Xshare:on: the JVM refuses to start rather than run without the archive.
        List<String> strict = new ArrayList<>(cds.options("sleeper", jar));
        strict.add("-Xshare:on");
        Process mapped = java(strict, jar, "--exit");
        String out = new String(mapped.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mapped.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, mapped.exitValue(), out);
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneIsRemovedWhenItIsWritten() throws Exception {
        Path jar = sleeperJar();
        String before = ClassDataSharing.fingerprint(jar);
        assertEquals(before, ClassDataSharing.fingerprint(jar), "stable while nothing changes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        assertNotEquals(before, ClassDataSharing.fingerprint(jar), "the JVM checks the jar's time, so must the name");

        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), true);
        Files.createDirectories(tmp.resolve("cds"));
        Path stale = tmp.resolve("cds").resolve("sleeper-" + before + ".jsa");
        Path otherInstance = tmp.resolve("cds").resolve("sleeper-2-" + before + ".jsa");
        Files.writeString(stale, "old");
        Files.writeString(otherInstance, "another instance's");
        Process recording = java(cds.options("sleeper", jar), jar);
        try {
            awaitReady(recording);
            cds.dump("sleeper", jar, recording.pid());
        } finally {
            recording.getOutputStream().close();
            recording.waitFor(30, TimeUnit.SECONDS);
            recording.destroyForcibly();
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(otherInstance));
    }

    @Test
    void offMeansNoOptionsAndNoArchive() throws Exception {
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"), false);
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

    private static Process java(List<String> options, Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
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
