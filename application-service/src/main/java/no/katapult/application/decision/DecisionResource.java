package no.katapult.application.decision;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.application.ApplicationView;
import no.katapult.common.http.ETags;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/applications/{id}/decision")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions", description = "Siva's decision on an application, within the call's budget")
public class DecisionResource {

    @Inject
    DecisionService decisions;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "decideApplication", summary = "Approve or reject an application under review",
            description = "justification is required. An approval needs 0 < grantedAmount <= requestedAmount (422 when "
                    + "above the request). The sum of granted amounts in a call never exceeds its budget, even when "
                    + "decisions race: one that would exceed it is a 422 with `remainingBudget`. If-Match is honoured.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DecisionRequest.class),
            examples = {
                    @ExampleObject(name = "approval", value = "{\"outcome\": \"APPROVED\", \"grantedAmount\": "
                            + "{\"amount\": 150000.00, \"currency\": \"NOK\"}, \"conditions\": \"Sluttrapport innen "
                            + "31.12.2027\", \"justification\": \"Høy score på relevans og et komplett konsortium.\"}"),
                    @ExampleObject(name = "rejection", value = "{\"outcome\": \"REJECTED\", \"justification\": "
                            + "\"Svak forankring i næringslivet.\"}")}))
    @APIResponse(responseCode = "200", description = "The decided application",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No such application")
    @APIResponse(responseCode = "409", description = "Not under review; the problem names the allowed operations")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "Granted above requested, or above the remaining budget (remainingBudget)")
    public Response decide(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull DecisionRequest body) {
        ApplicationView decided = decisions.decide(id, body, ifMatch);
        return ETags.ok(decided, decided.version());
    }
}
