package no.katapult.application.attachment;

import no.katapult.application.AttachmentKind;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Only for the contract: the multipart/form-data form of POST /applications/{id}/attachments. */
@Schema(name = "AttachmentUpload", description = "One file part and its kind. Send kind before file when you can.")
public class AttachmentUploadForm {

    @Schema(required = true, description = "What the document is")
    public AttachmentKind kind;

    @Schema(required = true, type = SchemaType.STRING, format = "binary", description = "The document: PDF, DOCX, XLSX, "
            + "ODT, PNG or JPEG, at most 20 MiB. The type is detected from the content; the part's Content-Type and "
            + "the filename's extension are ignored.")
    public byte[] file;
}
