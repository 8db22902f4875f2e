package no.katapult.registry.organisation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.common.http.ETags;
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

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "Organisations by organisation number, with their SME declaration")
public class OrganisationResource {

    @Inject
    OrganisationService service;

    @GET
    @Path("/{orgNo}")
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER, Roles.SME, Roles.APPLICANT, Roles.REVIEWER})
    @Operation(operationId = "getOrganisation", summary = "Get an organisation and its SME class",
            description = "siva-admin and partner read any; sme, applicant and reviewer users read only the "
                    + "organisation of their org_no claim. Any other organisation answers 404.")
    @APIResponse(responseCode = "200", description = "The organisation",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class),
                    examples = @ExampleObject(name = "small enterprise", value = OrganisationExamples.VIEW)))
    @APIResponse(responseCode = "400", description = "orgNo is not a valid organisation number")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Response get(@PathParam("orgNo") @Parameter(description = "Nine digits, MOD11", example = "910000012") String orgNo) {
        OrganisationService.Read read = service.get(orgNo);
        return ETags.ok(read.view(), read.version());
    }

    @PUT
    @Path("/{orgNo}")
    @RolesAllowed({Roles.ADMIN, Roles.SME, Roles.APPLICANT})
    @Operation(operationId = "putOrganisation", summary = "Create or replace an organisation and its SME declaration",
            description = "siva-admin for any; sme and applicant users for the organisation of their org_no claim. "
                    + "201 when created, 200 when replaced. If-Match is honoured when sent (412 if stale).")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class),
                    examples = @ExampleObject(name = "small enterprise", value = OrganisationExamples.VIEW)))
    @APIResponse(responseCode = "201", description = "Created", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid orgNo or fields; every one is listed")
    @APIResponse(responseCode = "403", description = "Not siva-admin, nor a user of this organisation")
    @APIResponse(responseCode = "409", description = "Created concurrently by another request; retry")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response put(
            @PathParam("orgNo") @Parameter(description = "Nine digits, MOD11", example = "910000012") String orgNo,
            @HeaderParam("If-Match") @Parameter(description = "ETag of the version you read", example = "\"0\"") String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationRequest.class),
                    examples = @ExampleObject(name = "small enterprise", value = OrganisationExamples.REQUEST)))
            @NotNull OrganisationRequest body) {
        OrganisationService.Written w = service.put(orgNo, ifMatch, body);
        return w.created()
                ? ETags.created("/api/v1/organisations/" + orgNo, w.view(), w.version())
                : ETags.ok(w.view(), w.version());
    }
}
