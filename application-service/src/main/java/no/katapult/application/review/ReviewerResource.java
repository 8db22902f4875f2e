package no.katapult.application.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

@Path("/api/v1/applications/{id}/reviewers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "Reviewer assignment, reviews, assessment and ranking")
public class ReviewerResource {

    @Inject
    ReviewerService reviewers;

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "assignReviewers", summary = "Set the reviewers of a submitted application",
            description = "Replaces the set of reviewers; at least one is required. The first assignment moves the "
                    + "application from SUBMITTED to UNDER_REVIEW. Each reviewer must be in the reviewer pool "
                    + "(PUT /api/v1/reviewers/{username}; they need not have signed in yet) or known from their own "
                    + "token; anyone else is a 422 that says how to add them. A reviewer tied to the lead or a partner "
                    + "is refused with 409 conflict-of-interest naming the reviewer and the organisation; the check "
                    + "uses the pool record (organisations and conflicts), the conflicts the reviewer declared, and "
                    + "every org_no recorded from their tokens (and, deprecated, from `reviewerOrganisations` in this "
                    + "body). A reviewer who has already reviewed cannot be removed (409). Newly assigned reviewers "
                    + "are told through the reviewers-assigned event. If-Match is honoured when given.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReviewersRequest.class),
            examples = {
                    @ExampleObject(name = "reviewers from the pool", value = "{\"reviewers\": [\"reviewer-1\", \"reviewer-2\"]}"),
                    @ExampleObject(name = "deprecated: the org_no of a reviewer not in the pool",
                            value = "{\"reviewers\": [\"reviewer-1\", \"reviewer-2\"], "
                                    + "\"reviewerOrganisations\": {\"reviewer-2\": \"930000043\"}}")}))
    @APIResponse(responseCode = "200", description = "The reviewers now assigned",
            content = @Content(schema = @Schema(implementation = ReviewersView.class)))
    @APIResponse(responseCode = "404", description = "No such application")
    @APIResponse(responseCode = "409", description = "Conflict of interest, wrong status (names the allowed operations), "
            + "or removing a reviewer who has reviewed")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "A reviewer is neither in the pool nor known from a token: the "
            + "problem says how to add them")
    public Response assign(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ReviewersRequest body) {
        ReviewersView view = reviewers.assign(id, body, ifMatch);
        return ETags.ok(view, view.version());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getApplicationReviewers", summary = "The reviewers of an application and their recorded organisations")
    @APIResponse(responseCode = "200", description = "The reviewers",
            content = @Content(schema = @Schema(implementation = ReviewersView.class)))
    @APIResponse(responseCode = "404", description = "No such application")
    public ReviewersView get(@PathParam("id") UUID id) {
        return reviewers.get(id);
    }
}
