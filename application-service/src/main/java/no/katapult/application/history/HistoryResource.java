package no.katapult.application.history;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.katapult.application.application.ApplicationAccess;
import no.katapult.application.application.ApplicationStatus;
import no.katapult.application.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static no.katapult.application.call.CallDtos.oslo;

@Path("/api/v1/applications/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History", description = "The append-only audit trail of an application")
public class HistoryResource {

    @Inject
    ApplicationAccess access;

    @Inject
    History history;

    @Schema(name = "HistoryItem")
    public record HistoryItem(OffsetDateTime at, String actor, HistoryAction action, ApplicationStatus fromStatus,
                              ApplicationStatus toStatus, String comment) {
        static HistoryItem of(HistoryEntry e) {
            return new HistoryItem(oslo(e.at), e.actor, HistoryAction.valueOf(e.action),
                    e.fromStatus == null ? null : ApplicationStatus.valueOf(e.fromStatus),
                    e.toStatus == null ? null : ApplicationStatus.valueOf(e.toStatus), e.comment);
        }
    }

    @Schema(name = "History")
    public record HistoryView(List<HistoryItem> items) {
    }

    @GET
    @RolesAllowed({Caller.APPLICANT, Caller.REVIEWER, Caller.ADMIN})
    @Operation(operationId = "getApplicationHistory", summary = "Every transition and edit of an application, oldest first")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    public HistoryView get(@PathParam("id") UUID id) {
        access.requireFull(id);
        return new HistoryView(history.of(id).stream().map(HistoryItem::of).toList());
    }
}
