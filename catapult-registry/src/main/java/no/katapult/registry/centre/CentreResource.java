package no.katapult.registry.centre;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import java.util.UUID;

@Path("/api/v1/centres")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Centres", description = "National catapult centres and regional nodes")
public class CentreResource {

    @Inject
    CentreService service;

    @GET
    @PermitAll
    @Operation(operationId = "listCentres", summary = "List centres and nodes",
            description = "Public. Filters combine with AND. `q` is a full-text search (Norwegian and English "
                    + "stemming) over name, code, focus areas, description, municipality, county and host. "
                    + "Sorted by name (by relevance first when `q` is given), then id.")
    @APIResponse(responseCode = "200", description = "A page of centres")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid; every one is listed")
    public PageResponse<CentreView> list(
            @QueryParam("kind") @Parameter(description = "NATIONAL_CENTRE or NODE",
                    schema = @Schema(implementation = CentreKind.class)) String kind,
            // Filters carry no example value: Swagger UI would fill every one in, and together they match nothing.
            @QueryParam("focusArea") @Parameter(description = "One focus area the centre must have, e.g. `ocean`") String focusArea,
            @QueryParam("county") @Parameter(description = "County of the centre's address (case-insensitive), e.g. `Vestland`") String county,
            @QueryParam("status") @Parameter(description = "PRE_PROJECT, ESTABLISHED or PHASED_OUT",
                    schema = @Schema(implementation = CentreStatus.class)) String status,
            @QueryParam("code") @Parameter(description = "Exact centre code, e.g. `digicat`") String code,
            @QueryParam("q") @Parameter(description = "Full-text search, e.g. `havbruk`") String q,
            @BeanParam PageParams pageParams) {
        QueryParams p = new QueryParams();
        PageRequest page = p.page(pageParams);
        CentreService.Filter filter = new CentreService.Filter(p.enumValue("kind", kind, CentreKind.class),
                p.text("focusArea", focusArea), p.text("county", county),
                p.enumValue("status", status, CentreStatus.class), p.text("code", code), p.text("q", q));
        p.done();
        return service.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getCentre", summary = "Get a centre or node", description = "Public.")
    @APIResponse(responseCode = "200", description = "The centre", headers = @Header(name = "ETag",
            description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CentreView.class),
                    examples = @ExampleObject(name = "digicat", value = CentreExamples.VIEW)))
    @APIResponse(responseCode = "404", description = "No such centre")
    public Response get(@PathParam("id") @Parameter(example = CentreExamples.DEMO_CENTRE_ID) UUID id) {
        Centre c = service.get(id);
        return ETags.ok(CentreView.of(c), c.version);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createCentre", summary = "Register a centre or node", description = "siva-admin only.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CentreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; every one is listed in `errors`")
    @APIResponse(responseCode = "409", description = "The code is taken")
    @APIResponse(responseCode = "422", description = "The parent centre does not exist or is not a national centre")
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CentreRequest.class),
                    examples = {@ExampleObject(name = "national centre", value = CentreExamples.REQUEST),
                            @ExampleObject(name = "node", value = CentreExamples.NODE_REQUEST)}))
            @NotNull CentreRequest body) {
        Centre c = service.create(body);
        return ETags.created("/api/v1/centres/" + c.id, CentreView.of(c), c.version);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateCentre", summary = "Replace a centre or node, or create one at a chosen id",
            description = "siva-admin only. Phasing out is `status: PHASED_OUT`; centres are never deleted. "
                    + "Send the ETag you read in If-Match: a stale one answers 412.")
    @APIResponse(responseCode = "201", description = "Created at this id (If-None-Match: *); Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CentreView.class)))
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CentreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; every one is listed in `errors`")
    @APIResponse(responseCode = "404", description = "No such centre")
    @APIResponse(responseCode = "409", description = "The code is taken by another centre")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag, or If-None-Match: * and the centre exists")
    @APIResponse(responseCode = "422", description = "Invalid parent, or a national centre with nodes would become a node")
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = "ETag of the version you read", example = "\"0\"") String ifMatch,
            @HeaderParam("If-None-Match") @Parameter(description = ETags.CREATE_ONLY) String ifNoneMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CentreRequest.class),
                    examples = @ExampleObject(name = "phase out", value = CentreExamples.PHASE_OUT)))
            @NotNull CentreRequest body) {
        if (ETags.createOnly(ifNoneMatch, ifMatch)) {
            Centre c = service.create(id, body);
            return ETags.created("/api/v1/centres/" + c.id, CentreView.of(c), c.version);
        }
        Centre c = service.update(id, ifMatch, body);
        return ETags.ok(CentreView.of(c), c.version);
    }
}
