package no.katapult.application.attachment;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Filenames as clients send them are only a hint: a path, control characters or right-to-left overrides (which
 * make "fdp.exe" read as "exe.pdf") are removed, the length is capped, and the extension follows the type the
 * content showed. Downloads name the file in Content-Disposition both ways RFC 6266 allows: a plain ASCII
 * {@code filename} for old clients and the exact UTF-8 name in {@code filename*}.
 */
final class Filenames {

    static final int MAX_LENGTH = 200;

    private Filenames() {
    }

    /** The name to store for a file of {@code type} that the client called {@code raw} (may be null). */
    static String sanitize(String raw, AttachmentType type) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !unsafe(c)).forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        boolean named = type.named(name);
        String extension = named ? name.substring(name.lastIndexOf('.')) : "." + type.extensions.get(0);
        String base = named ? name.substring(0, name.lastIndexOf('.')) : name;
        int room = MAX_LENGTH - extension.length();
        if (base.length() > room) {
            base = base.substring(0, Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room);
        }
        base = base.strip();
        return (base.isEmpty() ? "attachment" : base) + extension;
    }

    /** Content-Disposition for downloading {@code filename} (RFC 6266, with RFC 8187 {@code filename*}). */
    static String contentDisposition(String filename) {
        return "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + percentEncode(filename);
    }

    /** The name with everything but printable ASCII replaced, and no quote or backslash: safe in a quoted string. */
    static String asciiFallback(String filename) {
        StringBuilder b = new StringBuilder();
        for (char c : filename.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return b.toString();
    }

    /** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
    static String percentEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0xfeff || c == 0xfffd
                || "\"*:<>?|".indexOf(c) >= 0;
    }
}
