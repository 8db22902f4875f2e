package no.katapult.application.attachment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stored name of an upload and the Content-Disposition of its download, without a server. */
class FilenamesTest {

    /** What the client sent, the type its content showed, and the name stored. */
    private record Example(String raw, AttachmentType type, String stored) {
    }

    @Test
    void storedNames() {
        for (Example e : new Example[] {
                // A path is cut to its last segment, either way it is written.
                new Example("C:\\Users\\kari\\budsjett.pdf", AttachmentType.PDF, "budsjett.pdf"),
                new Example("../../etc/passwd", AttachmentType.PDF, "passwd.pdf"),
                // U+202E makes "fdp.exe" read as "exe.pdf" in a file manager.
                new Example("fdp\u202eexe.pdf", AttachmentType.PDF, "fdpexe.pdf"),
                new Example("a\u0000b\tc\".pdf", AttachmentType.PDF, "abc.pdf"),
                new Example("a*:<>?|b.pdf", AttachmentType.PDF, "ab.pdf"),
                new Example("..hidden.pdf", AttachmentType.PDF, "hidden.pdf"),
                // A dot file: its leading dot goes, and what is left is a name without an extension.
                new Example("dir/.pdf", AttachmentType.PDF, "pdf.pdf"),
                // The extension follows the content, in any case the client wrote it.
                new Example("rapport.exe", AttachmentType.PDF, "rapport.exe.pdf"),
                new Example("Scan.JPEG", AttachmentType.JPEG, "Scan.JPEG"),
                new Example("bilde", AttachmentType.JPEG, "bilde.jpg"),
                // Nothing usable left: a neutral name.
                new Example(null, AttachmentType.PDF, "attachment.pdf"),
                new Example("", AttachmentType.DOCX, "attachment.docx"),
                new Example("\u202e<>", AttachmentType.PNG, "attachment.png"),
                // Stored in NFC: a decomposed ö is one character.
                new Example("bjo\u0308rn.pdf", AttachmentType.PDF, "bj\u00f6rn.pdf")}) {
            assertEquals(e.stored(), Filenames.sanitize(e.raw(), e.type()), () -> "for " + e.raw());
        }
    }

    @Test
    void aLongNameIsCutWithoutSplittingACharacterAndKeepsItsExtension() {
        // 😀 is two chars: an odd room would fall inside one.
        String name = Filenames.sanitize("a" + "\ud83d\ude00".repeat(150) + ".pdf", AttachmentType.PDF);
        assertTrue(name.length() <= Filenames.MAX_LENGTH, name.length() + "");
        assertTrue(name.endsWith(".pdf"));
        assertTrue(wellFormed(name), "no lone surrogate");
    }

    @Property(tries = 2000)
    void aStoredNameIsAlwaysSafe(@ForAll @StringLength(max = 400) String raw, @ForAll AttachmentType type) {
        String name = Filenames.sanitize(raw, type);
        assertFalse(name.isBlank());
        assertTrue(name.length() <= Filenames.MAX_LENGTH, name);
        assertFalse(name.startsWith("."), name);
        assertTrue(type.extensions.stream().anyMatch(e -> name.toLowerCase(Locale.ROOT).endsWith("." + e)), name);
        assertTrue(wellFormed(name), name);
        name.codePoints().forEach(c -> {
            assertFalse(Character.isISOControl(c), name);
            assertTrue("/\\\"*:<>?|\u200e\u200f\ufeff".indexOf(c) < 0, name);
            assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069), name);
        });
    }

    @Property(tries = 2000)
    void aStoredNameIsStoredAsItIs(@ForAll @StringLength(max = 400) String raw, @ForAll AttachmentType type) {
        String once = Filenames.sanitize(raw, type);
        assertEquals(once, Filenames.sanitize(once, type));
    }

    @Property
    void theAsciiFallbackIsSafeInAQuotedString(@ForAll @StringLength(max = 200) String name) {
        String ascii = Filenames.asciiFallback(name);
        assertEquals(name.length(), ascii.length());
        ascii.chars().forEach(c -> assertTrue(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%', ascii));
    }

    @Property
    void thePercentEncodedNameDecodesToTheName(@ForAll @StringLength(max = 200) @CharRange(from = 0, to = 0xd7ff) String name) {
        String encoded = Filenames.percentEncode(name);
        assertTrue(encoded.matches("([A-Za-z0-9!#$&+\\-.^_`|~]|%[0-9A-F]{2})*"), encoded);
        assertEquals(name, decode(encoded));
    }

    @Test
    void aDownloadNamesTheFileBothWaysRfc6266Allows() {
        assertEquals("attachment; filename=\"S_knad.pdf\"; filename*=UTF-8''S%C3%B8knad.pdf",
                Filenames.contentDisposition("S\u00f8knad.pdf"));
        assertEquals("Budsjett%202027%20%E2%80%93%20endelig.pdf", Filenames.percentEncode("Budsjett 2027 \u2013 endelig.pdf"));
    }

    private static boolean wellFormed(String s) {
        return s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                && s.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xffff);
    }

    /** RFC 8187 decoding; URLDecoder would turn '+' into a space. */
    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
