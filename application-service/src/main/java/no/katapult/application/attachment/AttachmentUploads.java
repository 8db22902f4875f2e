package no.katapult.application.attachment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.application.AttachmentKind;
import no.katapult.application.config.ApplicationServiceConfig;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import org.apache.commons.fileupload.FileCountLimitExceededException;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads an upload (multipart/form-data with a {@code file} part and a {@code kind} field) as it arrives and stores
 * the file chunk by chunk: the request body is never held whole, in memory or on disk. The type is read from the
 * first bytes before anything is stored, and an archive is inspected as it streams past (AttachmentTypes).
 */
@ApplicationScoped
public class AttachmentUploads {

    /** Parts a form may have: file and kind, and room for a client's extras, which are then refused by name. */
    private static final int MAX_PARTS = 10;
    private static final int MAX_PART_HEADER_BYTES = 4096;

    @Inject
    AttachmentService attachments;

    @Inject
    AttachmentContent content;

    @Inject
    ApplicationServiceConfig config;

    /**
     * Stores the file of the form in {@code body} as an attachment of the application. Whatever happens, the body
     * is read to its end before the answer, so the client, still sending, gets to read it.
     */
    public AttachmentView receive(UUID applicationId, String contentType, long contentLength, InputStream body) {
        try {
            return read(applicationId, contentType, contentLength, body);
        } finally {
            drain(body);
        }
    }

    private AttachmentView read(UUID applicationId, String contentType, long contentLength, InputStream body) {
        AttachmentService.Quota quota = attachments.checkUpload(applicationId);
        FileUpload parser = new FileUpload();
        parser.setHeaderEncoding(StandardCharsets.UTF_8.name());
        parser.setFileCountMax(MAX_PARTS);
        parser.setPartHeaderSizeMax(MAX_PART_HEADER_BYTES);
        AttachmentKind kind = null;
        AttachmentService.Received received = null;
        try {
            FileItemIterator parts = parser.getItemIterator(new Upload(contentType, contentLength, body));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                String name = part.getFieldName() == null ? "" : part.getFieldName();
                switch (name) {
                    case "kind" -> kind = kind(part);
                    case "file" -> {
                        if (received != null) {
                            throw ProblemException.badRequest("file", "send one file per request");
                        }
                        received = store(applicationId, part, quota);
                    }
                    default -> throw ProblemException.badRequest(name.isEmpty() ? "(unnamed part)" : name,
                            "is not a field of this form: send a file part and a kind field");
                }
            }
            FieldErrors errors = new FieldErrors();
            if (received == null) {
                errors.add("file", "is required: one file part");
            }
            if (kind == null) {
                errors.add("kind", "is required: one of " + Arrays.toString(AttachmentKind.values()));
            }
            errors.throwIfAny();
            return attachments.complete(applicationId, received, kind);
        } catch (FileCountLimitExceededException e) {
            throw discardAnd(received, ProblemException.badRequest("file", "the form has more than " + MAX_PARTS + " parts"));
        } catch (FileUploadException | IOException e) {
            throw discardAnd(received, new ProblemException(400, "malformed-multipart", "Malformed multipart body",
                    "The body is not multipart/form-data this service can read: " + e.getMessage()));
        } catch (RuntimeException e) {
            throw discardAnd(received, e);
        }
    }

    /** Stores one file part; 415 before anything is stored when its first bytes are not an allowed type. */
    private AttachmentService.Received store(UUID applicationId, FileItemStream part, AttachmentService.Quota quota)
            throws IOException {
        InputStream in = part.openStream();
        byte[] head = in.readNBytes(AttachmentTypes.HEAD_BYTES);
        if (head.length == 0) {
            throw ProblemException.badRequest("file", "is empty");
        }
        AttachmentTypes.Sniffed sniffed = AttachmentTypes.sniff(head);
        if (sniffed.refused()) {
            throw unsupported("its content is " + sniffed.detected());
        }
        UUID id = UUID.randomUUID();
        attachments.begin(id, applicationId, part.getName());
        try {
            ChunkWriter writer = new ChunkWriter(content, id, config.attachments().maxFileSize().asLongValue(), quota);
            Tee tee = new Tee(new SequenceInputStream(new ByteArrayInputStream(head), in), writer);
            AttachmentType type = sniffed.type();
            if (sniffed.container()) {
                try {
                    type = AttachmentTypes.inspectContainer(tee);
                } catch (AttachmentTypes.NotAllowed e) {
                    throw unsupported(e.getMessage());
                }
            }
            tee.drain();
            writer.finish();
            return new AttachmentService.Received(id, Filenames.sanitize(part.getName(), type), type, writer.size(),
                    writer.sha256());
        } catch (IOException | RuntimeException e) {
            attachments.discard(id);
            throw e;
        }
    }

    private static AttachmentKind kind(FileItemStream part) throws IOException {
        String value;
        try (InputStream in = part.openStream()) {
            value = new String(in.readNBytes(64), StandardCharsets.UTF_8).strip();
        }
        try {
            return AttachmentKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind", "must be one of " + Arrays.toString(AttachmentKind.values()));
        }
    }

    private static ProblemException unsupported(String why) {
        return new ProblemException(415, "unsupported-attachment-type", "Unsupported attachment type",
                "An attachment must be " + AttachmentType.allowed() + ", told by its content: " + why)
                .with(ProblemMember.ALLOWED, Arrays.stream(AttachmentType.values()).map(t -> t.mediaType).toList());
    }

    private RuntimeException discardAnd(AttachmentService.Received received, RuntimeException e) {
        if (received != null) {
            attachments.discard(received.id());
        }
        return e;
    }

    private static void drain(InputStream body) {
        byte[] buffer = new byte[8192];
        try {
            while (body.read(buffer) >= 0) {
                // dropped: the answer is already decided
            }
        } catch (IOException ignored) {
            // the client is gone: nobody to answer
        }
    }

    /** The request as commons-fileupload reads it. */
    private record Upload(String contentType, long contentLength, InputStream body) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return (int) Math.min(contentLength, Integer.MAX_VALUE);
        }

        @Override
        public long contentLength() {
            return contentLength;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }
    }
}
