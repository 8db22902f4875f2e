package no.katapult.registry.facility;

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

@Path("/api/v1/facilities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Facilities", description = "Labs, test beds, pilot lines and other facilities of the centres")
public class FacilityResource {

    @Inject
    FacilityService service;

    @GET
    @PermitAll
    @Operation(operationId = "listFacilities", summary = "Find facilities",
            description = "Public. Filters combine with AND. `q` is a full-text search over the names, descriptions "
                    + "and tags of the facility and of its equipment, with PostgreSQL's norwegian configuration "
                    + "(plus english stems for loanwords): `3d-printer` or `printing` finds a facility with a "
                    + "\"3D-printer\". Sorted by name (by relevance first when `q` is given), then id.")
    @APIResponse(responseCode = "200", description = "A page of facilities, each with its equipment")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid; every one is listed")
    public PageResponse<FacilityView> list(
            @QueryParam("centreId") @Parameter(description = "Only this centre's facilities",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) String centreId,
            @QueryParam("type") @Parameter(description = "Facility type", schema = @Schema(implementation = FacilityType.class)) String type,
            // Filters carry no example value: Swagger UI would fill every one in, and together they match nothing.
            @QueryParam("county") @Parameter(description = "County of the site (or of its centre), case-insensitive, e.g. `Innlandet`") String county,
            @QueryParam("capability") @Parameter(description = "A capability tag of the facility or of one of its equipment items",
                    example = "additive-manufacturing") String capability,
            @QueryParam("q") @Parameter(description = "Full-text search, e.g. `3d-printer`") String q,
            @QueryParam("active") @Parameter(description = "Only active (true) or inactive (false) facilities",
                    schema = @Schema(type = SchemaType.BOOLEAN)) String active,
            @BeanParam PageParams pageParams) {
        QueryParams p = new QueryParams();
        PageRequest page = p.page(pageParams);
        FacilityService.Filter filter = new FacilityService.Filter(p.uuid("centreId", centreId),
                p.enumValue("type", type, FacilityType.class), p.text("county", county),
                p.text("capability", capability), p.text("q", q), p.bool("active", active));
        p.done();
        return service.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getFacility", summary = "Get a facility with its equipment",
            description = "Public. Includes opening hours (local time, Europe/Oslo), closures, booking rules, prices "
                    + "and equipment.")
    @APIResponse(responseCode = "200", description = "The facility",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class),
                    examples = @ExampleObject(name = "lab", value = FacilityExamples.VIEW)))
    @APIResponse(responseCode = "404", description = "No such facility")
    public Response get(@PathParam("id") @Parameter(example = FacilityExamples.DEMO_FACILITY_ID) UUID id) {
        FacilityView view = service.view(id);
        return ETags.ok(view, view.version());
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "createFacility", summary = "Register a facility",
            description = "siva-admin, or a centre-operator whose centre_code claim is the facility's centre.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (hours, closures, prices, durations ...); every one is listed")
    @APIResponse(responseCode = "403", description = "Not siva-admin, nor an operator of this centre")
    @APIResponse(responseCode = "422", description = "The centre does not exist or is phased out")
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FacilityRequest.class),
                    examples = @ExampleObject(name = "lab", value = FacilityExamples.REQUEST)))
            @NotNull FacilityRequest body) {
        FacilityView view = service.create(body);
        return ETags.created("/api/v1/facilities/" + view.id(), view, view.version());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "updateFacility", summary = "Replace a facility, or create one at a chosen id",
            description = "siva-admin, or an operator of the facility's centre (of both centres when moving it). "
                    + "Equipment is managed under /api/v1/equipment. Send the ETag you read in If-Match: a stale "
                    + "one answers 412. A facility of a phased-out centre can only be deactivated.")
    @APIResponse(responseCode = "201", description = "Created at this id (If-None-Match: *); Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class)))
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; every one is listed")
    @APIResponse(responseCode = "403", description = "Not siva-admin, nor an operator of this centre")
    @APIResponse(responseCode = "404", description = "No such facility")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag, or If-None-Match: * and the facility exists")
    @APIResponse(responseCode = "422", description = "The centre does not exist or is phased out")
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = "ETag of the version you read", example = "\"0\"") String ifMatch,
            @HeaderParam("If-None-Match") @Parameter(description = ETags.CREATE_ONLY) String ifNoneMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FacilityRequest.class),
                    examples = @ExampleObject(name = "lab", value = FacilityExamples.REQUEST)))
            @NotNull FacilityRequest body) {
        if (ETags.createOnly(ifNoneMatch, ifMatch)) {
            FacilityView view = service.create(id, body);
            return ETags.created("/api/v1/facilities/" + view.id(), view, view.version());
        }
        FacilityView view = service.update(id, ifMatch, body);
        return ETags.ok(view, view.version());
    }
}
