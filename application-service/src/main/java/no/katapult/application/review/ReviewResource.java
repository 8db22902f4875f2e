package no.katapult.application.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/applications/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "Reviewer assignment, reviews, assessment and ranking")
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @PUT
    @Path("/reviews/me")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(operationId = "saveMyReview", summary = "Write or replace the caller's review (assigned reviewers, until the decision)",
            description = "Every criterion of the call must be scored with a whole number 1..7. A score outside 1..7 "
                    + "or an unknown criterion is a 400; an unscored criterion is a 422 listing each one.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReviewRequest.class),
            examples = @ExampleObject(name = "review", value = "{\"scores\": {\"relevance\": 6, \"impact\": 5, "
                    + "\"implementation\": 4}, \"comment\": \"Sterkt konsortium, tynn markedsanalyse.\", "
                    + "\"recommendation\": \"APPROVE\"}")))
    @APIResponse(responseCode = "200", description = "The stored review",
            content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "404", description = "No such application, or not assigned to the caller")
    @APIResponse(responseCode = "409", description = "Not under review (decided or withdrawn), or a conflict of interest")
    @APIResponse(responseCode = "422", description = "A criterion is not scored")
    public ReviewView save(@PathParam("id") UUID id, @Valid @NotNull ReviewRequest body) {
        return reviews.saveMine(id, body);
    }

    @GET
    @Path("/reviews/me")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(operationId = "getMyReview", summary = "The caller's own review of an application")
    @APIResponse(responseCode = "200", description = "The review",
            content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "404", description = "Not assigned, or not reviewed yet")
    public ReviewView mine(@PathParam("id") UUID id) {
        return reviews.mine(id);
    }

    @GET
    @Path("/reviews")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "listApplicationReviews", summary = "Reviews of an application: all for siva-admin, only "
            + "their own for a reviewer")
    @APIResponse(responseCode = "200", description = "The reviews",
            content = @Content(schema = @Schema(implementation = ReviewListView.class)))
    @APIResponse(responseCode = "404", description = "No such application, or not assigned to the caller")
    public ReviewListView list(@PathParam("id") UUID id) {
        return new ReviewListView(reviews.list(id));
    }

    @GET
    @Path("/assessment")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getApplicationAssessment", summary = "Review statistics: mean and spread per criterion, "
            + "weighted total, number of reviews, disagreement flag")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @APIResponse(responseCode = "404", description = "No such application")
    public AssessmentView assessment(@PathParam("id") UUID id) {
        return reviews.assessment(id);
    }
}
