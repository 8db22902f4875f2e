package no.katapult.application.attachment;

import java.util.List;
import java.util.Locale;

/** The file types an attachment may have, as their content shows them. */
public enum AttachmentType {
    PDF("application/pdf", "pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ODT("application/vnd.oasis.opendocument.text", "odt"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg", "jpeg");

    public final String mediaType;
    /** The usual file extensions, the first one preferred. */
    public final List<String> extensions;

    AttachmentType(String mediaType, String... extensions) {
        this.mediaType = mediaType;
        this.extensions = List.of(extensions);
    }

    /** True when {@code filename} ends in one of this type's extensions (any case). */
    boolean named(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(e -> lower.endsWith("." + e));
    }

    static String allowed() {
        return "PDF, DOCX, XLSX, ODT, PNG and JPEG";
    }
}
