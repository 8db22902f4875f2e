package no.katapult.application.attachment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

@Path("/api/v1/applications/{id}/attachments")
@Tag(name = "Attachments", description = "Documents attached to an application: project description, budget, letters "
        + "of intent")
public class AttachmentResource {

    @Inject
    AttachmentUploads uploads;

    @Inject
    AttachmentService attachments;

    @Inject
    AttachmentContent content;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPLICANT)
    @Operation(operationId = "uploadAttachment", summary = "Attach a document to a draft (lead applicant only)",
            description = "multipart/form-data with one `file` part and a `kind` field. The type is detected from the "
                    + "content (Apache Tika's magic bytes; DOCX, XLSX and ODT by the parts of their zip container): "
                    + "PDF, DOCX, XLSX, ODT, PNG and JPEG are accepted, anything else is a 415 whatever its name or "
                    + "declared type, macro-enabled Office documents included. At most 20 MiB per file (413) and "
                    + "100 MiB per application (422). Send a Content-Length: a chunked upload is a 411. The body may "
                    + "be up to 20 MiB plus 64 KiB of multipart framing on this route; every other route takes 1 MiB.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = AttachmentUploadForm.class)))
    @APIResponse(responseCode = "201", description = "Attached; Location and ETag (the SHA-256) set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AttachmentView.class)))
    @APIResponse(responseCode = "400", description = "No file, no or an unknown kind, an empty file, extra parts, or a "
            + "malformed multipart body")
    @APIResponse(responseCode = "403", description = "A partner organisation's applicant: only the lead may attach")
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a draft any more; the problem names the allowed operations")
    @APIResponse(responseCode = "411", description = "No Content-Length (a chunked upload)")
    @APIResponse(responseCode = "413", description = "The file is larger than 20 MiB")
    @APIResponse(responseCode = "415", description = "The content is not PDF, DOCX, XLSX, ODT, PNG or JPEG, or the body "
            + "is not multipart/form-data")
    @APIResponse(responseCode = "422", description = "The application's attachments would exceed 100 MiB")
    public Response upload(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) @Parameter(hidden = true) String contentLength,
                           @Parameter(hidden = true) InputStream body) {
        AttachmentView view = uploads.receive(id, contentType, length(contentLength), body);
        return Response.status(Response.Status.CREATED).entity(view)
                .header(HttpHeaders.LOCATION, "/api/v1/applications/" + id + "/attachments/" + view.id())
                .header(HttpHeaders.ETAG, "\"" + view.sha256() + "\"")
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APPLICANT, Roles.REVIEWER, Roles.ADMIN, Roles.PARTNER})
    @Operation(operationId = "listAttachments", summary = "List an application's attachments, oldest first",
            description = "For whoever may read the whole application: its organisations' applicants, its assigned "
                    + "reviewers and siva-admin. Partners never see attachments (404).")
    @APIResponse(responseCode = "200", description = "A page of attachments",
            content = @Content(schema = @Schema(implementation = AttachmentPageView.class)))
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    public PageResponse<AttachmentView> list(@PathParam("id") UUID id, @BeanParam PageParams paging) {
        QueryParams params = new QueryParams();
        PageRequest page = params.page(paging);
        params.done();
        return attachments.list(id, page);
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.APPLICANT, Roles.REVIEWER, Roles.ADMIN, Roles.PARTNER})
    @Operation(operationId = "downloadAttachment", summary = "Download an attachment",
            description = "Streams the stored bytes with the detected Content-Type, Content-Disposition: attachment "
                    + "(RFC 6266: an ASCII filename and the exact UTF-8 filename*), the SHA-256 recorded at upload as "
                    + "Repr-Digest (RFC 9530) and as the ETag. If-None-Match with that ETag answers 304. Partners "
                    + "never see attachments (404).")
    @APIResponse(responseCode = "200", description = "The file", headers = {
            @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Repr-Digest", description = "sha-256=:<base64>:", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = "The SHA-256 in hex, quoted", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names this file")
    @APIResponse(responseCode = "404", description = "No such attachment or application, or not visible to the caller")
    public Response download(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Attachment a = attachments.find(id, attachmentId);
        if (ifNoneMatch != null && (ifNoneMatch.contains(a.etag()) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, a.etag()).build();
        }
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(a.sha256));
        return Response.ok(content.stream(a.id, a.size, a.sha256), a.mediaType)
                .header(HttpHeaders.CONTENT_LENGTH, a.size)
                .header(HttpHeaders.ETAG, a.etag())
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .header("Content-Disposition", Filenames.contentDisposition(a.filename))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    @DELETE
    @Path("/{attachmentId}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.APPLICANT)
    @Operation(operationId = "deleteAttachment", summary = "Delete an attachment of a draft (lead applicant only)",
            description = "If-Match (the attachment's ETag) is honoured when sent.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "A partner organisation's applicant: only the lead may delete")
    @APIResponse(responseCode = "404", description = "No such attachment or application, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a draft any more; the problem names the allowed operations")
    @APIResponse(responseCode = "412", description = "If-Match does not match the attachment's ETag")
    public Response delete(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        attachments.delete(id, attachmentId, ifMatch);
        return Response.noContent().build();
    }

    private static long length(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
