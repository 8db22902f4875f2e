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

@Path("/api/v1/equipment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Equipment", description = "Physical items in the facilities; one row per item")
public class EquipmentResource {

    @Inject
    EquipmentService service;

    @GET
    @PermitAll
    @Operation(operationId = "listEquipment", summary = "Find equipment",
            description = "Public. Filters combine with AND. `q` is a full-text search over name, category, "
                    + "manufacturer, model, description and tags (norwegian configuration, plus english stems). "
                    + "Sorted by name (by relevance first when `q` is given), then id.")
    @APIResponse(responseCode = "200", description = "A page of equipment")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid; every one is listed")
    public PageResponse<EquipmentView> list(
            @QueryParam("facilityId") @Parameter(description = "Only this facility's items",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) String facilityId,
            @QueryParam("centreId") @Parameter(description = "Only items of this centre's facilities",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) String centreId,
            // Filters carry no example value: Swagger UI would fill every one in, and together they match nothing.
            @QueryParam("category") @Parameter(description = "Category, case-insensitive, e.g. `3d-printer`") String category,
            @QueryParam("q") @Parameter(description = "Full-text search, e.g. `printing`") String q,
            @BeanParam PageParams pageParams) {
        QueryParams p = new QueryParams();
        PageRequest page = p.page(pageParams);
        EquipmentService.Filter filter = new EquipmentService.Filter(p.uuid("facilityId", facilityId),
                p.uuid("centreId", centreId), p.text("category", category), p.text("q", q));
        p.done();
        return service.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getEquipment", summary = "Get an equipment item",
            description = "Public. Without own prices (standardPrice/smePrice absent) the facility's prices apply.")
    @APIResponse(responseCode = "200", description = "The item",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EquipmentView.class),
                    examples = @ExampleObject(name = "printer", value = FacilityExamples.EQUIPMENT_VIEW)))
    @APIResponse(responseCode = "404", description = "No such item")
    public Response get(@PathParam("id") @Parameter(example = FacilityExamples.DEMO_EQUIPMENT_ID) UUID id) {
        Equipment e = service.get(id);
        return ETags.ok(EquipmentView.of(e), e.version);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "createEquipment", summary = "Register an equipment item",
            description = "siva-admin, or a centre-operator of the facility's centre.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EquipmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; every one is listed")
    @APIResponse(responseCode = "403", description = "Not siva-admin, nor an operator of the facility's centre")
    @APIResponse(responseCode = "422", description = "The facility does not exist")
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EquipmentRequest.class),
                    examples = @ExampleObject(name = "printer", value = FacilityExamples.EQUIPMENT_REQUEST)))
            @NotNull EquipmentRequest body) {
        Equipment e = service.create(body);
        return ETags.created("/api/v1/equipment/" + e.id, EquipmentView.of(e), e.version);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "updateEquipment", summary = "Replace an equipment item, or create one at a chosen id",
            description = "siva-admin, or an operator of the facility's centre (of both when moving it). Send the "
                    + "ETag you read in If-Match: a stale one answers 412.")
    @APIResponse(responseCode = "201", description = "Created at this id (If-None-Match: *); Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EquipmentView.class)))
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EquipmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; every one is listed")
    @APIResponse(responseCode = "403", description = "Not siva-admin, nor an operator of the facility's centre")
    @APIResponse(responseCode = "404", description = "No such item")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag, or If-None-Match: * and the item exists")
    @APIResponse(responseCode = "422", description = "The target facility does not exist")
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = "ETag of the version you read", example = "\"0\"") String ifMatch,
            @HeaderParam("If-None-Match") @Parameter(description = ETags.CREATE_ONLY) String ifNoneMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EquipmentRequest.class),
                    examples = @ExampleObject(name = "printer", value = FacilityExamples.EQUIPMENT_REQUEST)))
            @NotNull EquipmentRequest body) {
        if (ETags.createOnly(ifNoneMatch, ifMatch)) {
            Equipment e = service.create(id, body);
            return ETags.created("/api/v1/equipment/" + e.id, EquipmentView.of(e), e.version);
        }
        Equipment e = service.update(id, ifMatch, body);
        return ETags.ok(EquipmentView.of(e), e.version);
    }
}
