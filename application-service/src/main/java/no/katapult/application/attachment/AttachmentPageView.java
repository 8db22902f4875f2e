package no.katapult.application.attachment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Only for the contract: the shape of GET /applications/{id}/attachments. */
@Schema(name = "AttachmentPage", description = "A page of an application's attachments, oldest first")
public record AttachmentPageView(List<AttachmentView> items, int page, int size, long total) {
}
