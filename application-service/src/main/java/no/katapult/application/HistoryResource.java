package no.katapult.application;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.katapult.application.history.History;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** An application's audit trail, as the people who may see the application read it. */
@Path("/api/v1/applications/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History", description = "The append-only audit trail of an application")
public class HistoryResource {

    @Inject
    ApplicationAccess access;

    @Inject
    History history;

    @GET
    @RolesAllowed({Roles.APPLICANT, Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "getApplicationHistory", summary = "Every transition and edit of an application, oldest first")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    public HistoryView get(@PathParam("id") UUID id) {
        access.requireFull(id);
        return new HistoryView(history.of(id).stream().map(HistoryItemView::of).toList());
    }
}
