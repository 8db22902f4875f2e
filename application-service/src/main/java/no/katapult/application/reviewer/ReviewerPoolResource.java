package no.katapult.application.reviewer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reviewers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviewer pool", description = "The reviewers siva-admin may assign, and the conflicts of interest they declare")
public class ReviewerPoolResource {

    static final String REVIEWER_EXAMPLE = """
            {
              "name": "Kari Nordmann",
              "email": "kari.nordmann@example.no",
              "organisations": ["990000018"],
              "expertise": ["Industriell tjenesteutvikling", "Prototyping"],
              "conflicts": ["930000043"],
              "locale": "nb"
            }""";

    @Inject
    ReviewerPool pool;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listReviewers", summary = "List the reviewer pool, by username")
    @APIResponse(responseCode = "200", description = "A page of pool records",
            content = @Content(schema = @Schema(implementation = ReviewerPageView.class)))
    public PageResponse<ReviewerView> list(
            @QueryParam("q") @Parameter(description = "Free text in username, name, e-mail address or expertise") String q,
            @QueryParam("orgNo") @Parameter(description = "Only reviewers who work for, or have a listed conflict with, "
                    + "this organisation") String orgNo,
            @BeanParam PageParams paging) {
        QueryParams params = new QueryParams();
        String text = params.text("q", q);
        String org = params.orgNo("orgNo", orgNo);
        PageRequest page = params.page(paging);
        params.done();
        return pool.list(text, org, page);
    }

    @GET
    @Path("/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getReviewer", summary = "Read a reviewer's pool record")
    @APIResponse(responseCode = "200", description = "The record (ETag set)",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReviewerView.class)))
    @APIResponse(responseCode = "404", description = "Not in the pool")
    public Response get(@PathParam("username") @Parameter(example = "reviewer-1") String username) {
        ReviewerView view = pool.get(username);
        return ETags.ok(view, view.version());
    }

    @PUT
    @Path("/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putReviewer", summary = "Add a reviewer to the pool, or replace their record",
            description = "The username is the reviewer's username in the realm; they need not have signed in yet. "
                    + "Once in the pool they can be assigned (PUT /api/v1/applications/{id}/reviewers); the "
                    + "conflict-of-interest check uses `organisations` and `conflicts` here, the conflicts the reviewer "
                    + "declares, and the org_no of their token once they have signed in. The e-mail address and locale "
                    + "here are where assignment notices go. 201 when added, 200 when replaced; If-Match is honoured "
                    + "when sent (412 if stale).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReviewerRequest.class),
            examples = @ExampleObject(name = "reviewer", value = REVIEWER_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReviewerView.class)))
    @APIResponse(responseCode = "201", description = "Added", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = ReviewerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid username or fields; every field is listed")
    @APIResponse(responseCode = "409", description = "Added concurrently by another request; retry")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response put(@PathParam("username") @Parameter(example = "reviewer-3") String username,
                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the version you read")
                        String ifMatch,
                        @Valid @NotNull ReviewerRequest body) {
        ReviewerPool.Written w = pool.put(username, ifMatch, body);
        return w.created()
                ? ETags.created("/api/v1/reviewers/" + username, w.view(), w.view().version())
                : ETags.ok(w.view(), w.view().version());
    }

    @DELETE
    @Path("/{username}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteReviewer", summary = "Remove a reviewer from the pool",
            description = "Their current assignments stay, and so do the conflicts they declared themselves. "
                    + "If-Match is honoured when sent.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Not in the pool")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response delete(@PathParam("username") String username,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        pool.delete(username, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/me/conflicts")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(operationId = "getMyConflicts", summary = "The calling reviewer's conflicts of interest",
            description = "What they declared themselves, and (read-only) what the reviewer pool lists for them.")
    @APIResponse(responseCode = "200", description = "Their conflicts (ETag set once they have declared)",
            content = @Content(schema = @Schema(implementation = ConflictsView.class)))
    public Response myConflicts() {
        return withETag(pool.conflictsOfCaller());
    }

    @PUT
    @Path("/me/conflicts")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(operationId = "declareMyConflicts", summary = "Declare the organisations the calling reviewer has a "
            + "conflict of interest with",
            description = "Replaces the caller's own declaration; it adds to what the reviewer pool lists and never "
                    + "removes any of that. Works whether or not the caller is in the pool. An assignment to an "
                    + "application led by or partnering a declared organisation is then refused (409), and so is a "
                    + "review of one. If-Match is honoured when sent.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConflictsRequest.class),
            examples = @ExampleObject(name = "one conflict", value = "{\"conflicts\": [\"930000043\"]}")))
    @APIResponse(responseCode = "200", description = "The caller's conflicts now",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ConflictsView.class)))
    @APIResponse(responseCode = "400", description = "An organisation number is invalid or repeated")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response declareMyConflicts(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @Valid @NotNull ConflictsRequest body) {
        return withETag(pool.declare(body, ifMatch));
    }

    private static Response withETag(ConflictsView view) {
        return view.version() == null ? Response.ok(view).build() : ETags.ok(view, view.version());
    }
}
