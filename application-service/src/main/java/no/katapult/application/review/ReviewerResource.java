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
import no.katapult.application.review.ReviewDtos.ReviewersRequest;
import no.katapult.application.review.ReviewDtos.ReviewersView;
import no.katapult.application.security.Caller;
import no.katapult.common.http.ETags;
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
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "assignReviewers", summary = "Set the reviewers of a submitted application",
            description = "Replaces the set of reviewers; at least one is required. The first assignment moves the "
                    + "application from SUBMITTED to UNDER_REVIEW. A reviewer whose organisation is the lead's or a "
                    + "partner's is refused with 409 conflict-of-interest. The check uses every org_no recorded for "
                    + "the reviewer: from their own token (recorded whenever they call this API) and from "
                    + "`reviewerOrganisations` in this body (extension: username -> org_no). A reviewer with no known "
                    + "org_no and none given is a 422 asking for it. A reviewer who has already reviewed cannot be "
                    + "removed (409). If-Match is honoured when given.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReviewersRequest.class),
            examples = {
                    @ExampleObject(name = "reviewers known from their tokens", value = "{\"reviewers\": [\"reviewer-1\"]}"),
                    @ExampleObject(name = "with the org_no of a reviewer not seen yet",
                            value = "{\"reviewers\": [\"reviewer-1\", \"reviewer-2\"], "
                                    + "\"reviewerOrganisations\": {\"reviewer-2\": \"930000043\"}}")}))
    @APIResponse(responseCode = "200", description = "The reviewers now assigned",
            content = @Content(schema = @Schema(implementation = ReviewersView.class)))
    @APIResponse(responseCode = "404", description = "No such application")
    @APIResponse(responseCode = "409", description = "Conflict of interest, wrong status (names the allowed operations), "
            + "or removing a reviewer who has reviewed")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "A reviewer's organisation is unknown: give it in reviewerOrganisations")
    public Response assign(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ReviewersRequest body) {
        ReviewersView view = reviewers.assign(id, body, ifMatch);
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "getApplicationReviewers", summary = "The reviewers of an application and their recorded organisations")
    @APIResponse(responseCode = "200", description = "The reviewers",
            content = @Content(schema = @Schema(implementation = ReviewersView.class)))
    @APIResponse(responseCode = "404", description = "No such application")
    public ReviewersView get(@PathParam("id") UUID id) {
        return reviewers.get(id);
    }
}
