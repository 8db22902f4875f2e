package no.katapult.application.call;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Funding calls with weighted criteria, a budget and a deadline")
public class CallResource {

    static final String CALL_EXAMPLE = """
            {
              "title": "Forprosjekt: nasjonalt katapultsenter for industriell tjenesteutvikling",
              "description": "Forprosjektmidler til konsortier som vil utrede et nytt katapultsenter eller en node.",
              "kind": "PRE_PROJECT",
              "opensAt": "2026-11-15T09:00:00+01:00",
              "closesAt": "2026-12-31T23:59:59+01:00",
              "budget": {"amount": 2000000.00, "currency": "NOK"},
              "maxAmountPerApplication": {"amount": 200000.00, "currency": "NOK"},
              "criteria": [
                {"code": "relevance", "name": "Relevans", "description": "Relevans for katapultordningen", "weight": 3},
                {"code": "impact", "name": "Virkning", "description": "Nytte for SMB i hele landet", "weight": 2},
                {"code": "implementation", "name": "Gjennomføring", "description": "Plan, konsortium og budsjett", "weight": 1}
              ]
            }""";

    @Inject
    CallService calls;

    @GET
    @RolesAllowed("**")
    @Operation(operationId = "listCalls", summary = "List funding calls, newest opening first, optionally by state")
    @APIResponse(responseCode = "200", description = "A page of calls")
    public PageResponse<CallView> list(
            @QueryParam("state") @Parameter(description = "UPCOMING, OPEN or CLOSED, derived from the clock",
                    schema = @Schema(implementation = CallState.class)) String state,
            @BeanParam PageParams paging) {
        QueryParams params = new QueryParams();
        CallState wanted = params.enumValue("state", state, CallState.class);
        PageRequest page = params.page(paging);
        params.done();
        return calls.listViews(wanted, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(operationId = "getCall", summary = "Read one funding call")
    @APIResponse(responseCode = "200", description = "The call, with an ETag",
            content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "404", description = "No such call")
    public Response get(@PathParam("id") UUID id) {
        CallView call = calls.read(id);
        return ETags.ok(call, call.version());
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createCall", summary = "Create a funding call")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CallRequest.class),
            examples = @ExampleObject(name = "pre-project call", value = CALL_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names the call",
            content = @Content(schema = @Schema(implementation = CallView.class)))
    public Response create(@Valid @NotNull CallRequest body) {
        CallView call = calls.create(body);
        return ETags.created("/api/v1/calls/" + call.id(), call, call.version());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateCall", summary = "Replace a funding call",
            description = "If-Match is honoured (412 when stale). The budget cannot fall below the granted total (422), "
                    + "and the criteria cannot change once reviews exist (409).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CallRequest.class),
            examples = @ExampleObject(name = "pre-project call", value = CALL_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The updated call",
            content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "404", description = "No such call")
    @APIResponse(responseCode = "409", description = "Criteria changed after reviews were written")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "Budget below the amount already granted")
    public Response update(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the version you read")
                           String ifMatch,
                           @Valid @NotNull CallRequest body) {
        CallView call = calls.update(id, body, ifMatch);
        return ETags.ok(call, call.version());
    }
}
