package no.katapult.application.attachment;

import no.katapult.application.AttachmentKind;
import no.katapult.common.time.Clocks;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Attachment", description = "A document attached to an application")
public record AttachmentView(
        UUID id,
        AttachmentKind kind,
        @Schema(description = "The client's filename, cleaned, with the extension of the detected type",
                examples = "Prosjektbeskrivelse.pdf") String filename,
        @Schema(description = "Detected from the content, never taken from the client", examples = "application/pdf")
        String mediaType,
        @Schema(description = "Bytes", examples = "245760") long size,
        @Schema(description = "SHA-256 of the bytes, lower-case hex, computed while they were received")
        String sha256,
        OffsetDateTime createdAt,
        @Schema(description = "Username of the uploader") String uploadedBy) {

    static AttachmentView of(Attachment a) {
        return new AttachmentView(a.id, a.kind, a.filename, a.mediaType, a.size, a.sha256, Clocks.inOslo(a.createdAt),
                a.uploadedBy);
    }
}
