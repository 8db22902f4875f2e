package no.katapult.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import no.katapult.application.ApplicationService.IdempotentRequest;
import no.katapult.application.registry.RegistryClient;
import no.katapult.common.http.ETags;
import no.katapult.common.idempotency.IdempotencyKeys;
import no.katapult.common.idempotency.IdempotencyKeys.StoredResponse;
import no.katapult.common.idempotency.IdempotencyStore;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "Consortium applications to funding calls, from draft to submission")
public class ApplicationResource {

    static final String APPLICATION_EXAMPLE = """
            {
              "callId": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
              "title": "Forprosjekt: katapultnode for industriell tjenesteutvikling",
              "summary": "Konsortiet utreder et nasjonalt tilbud for industriell tjenesteutvikling for SMB.",
              "focusArea": "Industriell tjenesteutvikling",
              "contactPerson": {"name": "Siri Nilsen", "email": "siri.nilsen@example.no"},
              "partners": [
                {"orgNo": "930000027", "name": "Media City Bergen (demo)", "role": "Partner: medieteknologi"},
                {"orgNo": "930000035", "name": "ProtoMore (demo)", "role": "Partner: prototyping"}
              ],
              "budgetLines": [
                {"category": "PERSONNEL", "description": "Prosjektledelse og analyse", "amount": {"amount": 180000.00, "currency": "NOK"}},
                {"category": "TRAVEL", "description": "Samlinger i Bergen og Molde", "amount": {"amount": 20000.00, "currency": "NOK"}}
              ],
              "requestedAmount": {"amount": 150000.00, "currency": "NOK"},
              "ownFunding": {"amount": 50000.00, "currency": "NOK"}
            }""";

    @Inject
    ApplicationService applications;

    @Inject
    RegistryClient registry;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @POST
    @RolesAllowed(Roles.APPLICANT)
    @Operation(operationId = "createApplication", summary = "Create a draft application; the caller's organisation is the lead",
            description = "Honours Idempotency-Key: the same key with the same body within 24 hours returns the first "
                    + "response and creates nothing; the same key with another body is a 422.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApplicationRequest.class),
            examples = @ExampleObject(name = "consortium application", value = APPLICATION_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created DRAFT; Location and ETag set",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in progress")
    @APIResponse(responseCode = "422", description = "Unknown or closed call, or Idempotency-Key reused with another body")
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) @Parameter(description = "Makes retries safe")
                           String idempotencyKey,
                           @Valid @NotNull ApplicationRequest body) {
        String leadOrgNo = caller.requireOrgNo();
        IdempotentRequest idempotent = null;
        if (idempotencyKey != null) {
            idempotent = new IdempotentRequest(IdempotencyStore.scope(caller.subject(), "POST /api/v1/applications"),
                    idempotencyKey, IdempotencyKeys.hash(json, List.of(leadOrgNo, body)));
            // A replay costs no call to the registry.
            Optional<StoredResponse> earlier = idempotency.peek(idempotent.scope(), idempotent.key(),
                    idempotent.requestHash());
            if (earlier.isPresent()) {
                return IdempotencyKeys.toResponse(earlier.get(), true);
            }
        }
        ApplicationService.Created created = applications.create(body, idempotent, leadName(leadOrgNo));
        return IdempotencyKeys.toResponse(created.response(), created.replayed());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.APPLICANT)
    @Operation(operationId = "updateApplication", summary = "Replace the contents of a draft (lead applicant only)",
            description = "If-Match is required: without it 428, with a stale ETag 412. Only a DRAFT can be edited (409).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApplicationRequest.class),
            examples = @ExampleObject(name = "consortium application", value = APPLICATION_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The updated application",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a draft any more; the problem names the allowed operations")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "callId differs from the application's call")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response update(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the version you read; required")
                           String ifMatch,
                           @Valid @NotNull ApplicationRequest body) {
        ApplicationView updated = applications.update(id, body, ifMatch, caller.orgNo().flatMap(this::leadName));
        return ETags.ok(updated, updated.version());
    }

    @GET
    @RolesAllowed({Roles.APPLICANT, Roles.REVIEWER, Roles.ADMIN, Roles.PARTNER})
    @Operation(operationId = "listApplications", summary = "List the applications the caller may see",
            description = "Applicants see their organisation's applications (lead or partner), reviewers those assigned "
                    + "to them, siva-admin all. Partners see only decided applications, as PublicApplication items. "
                    + "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of Application (or PublicApplication for partners)",
            content = @Content(schema = @Schema(implementation = ApplicationPageView.class)))
    public PageResponse<Object> list(
            @QueryParam("callId") @Parameter(description = "Only applications to this call",
                    schema = @Schema(format = "uuid", type = SchemaType.STRING))
            String callId,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ApplicationStatus.class)) String status,
            @QueryParam("orgNo") @Parameter(description = "Only applications where this organisation is lead or partner")
            String orgNo,
            @QueryParam("q") @Parameter(description = "Free text in title, summary, reference or lead name") String q,
            @BeanParam PageParams paging) {
        QueryParams params = new QueryParams();
        ApplicationService.Filter filter = new ApplicationService.Filter(params.uuid("callId", callId),
                params.enumValue("status", status, ApplicationStatus.class), params.orgNo("orgNo", orgNo),
                params.text("q", q));
        PageRequest page = params.page(paging);
        params.done();
        return applications.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.APPLICANT, Roles.REVIEWER, Roles.ADMIN, Roles.PARTNER})
    @Operation(operationId = "getApplication", summary = "Read one application",
            description = "Partners get the PublicApplication shape, and only for decided applications.")
    @APIResponse(responseCode = "200", description = "The application (ETag set), or its public outcome for partners",
            content = @Content(schema = @Schema(oneOf = {ApplicationView.class, PublicApplicationView.class})))
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    public Response get(@PathParam("id") UUID id) {
        Object view = applications.read(id);
        return view instanceof ApplicationView full ? ETags.ok(full, full.version()) : Response.ok(view).build();
    }

    @POST
    @Path("/{id}/submit")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.APPLICANT)
    @Operation(operationId = "submitApplication", summary = "Submit a draft while its call is open (lead applicant only)",
            description = "422 after the deadline or before the call opens, and 422 listing every missing item: title, "
                    + "summary, at least one budget line, requestedAmount within the call's maximum, budget lines summing "
                    + "to requestedAmount + ownFunding, and a PROJECT_DESCRIPTION attachment (POST "
                    + "/api/v1/applications/{id}/attachments). If-Match is honoured when given.")
    @APIResponse(responseCode = "200", description = "The SUBMITTED application",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a draft; the problem names the allowed operations")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "Call not open, or the application is incomplete (errors list each item)")
    public Response submit(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ApplicationView submitted = applications.submit(id, ifMatch);
        return ETags.ok(submitted, submitted.version());
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.APPLICANT)
    @Operation(operationId = "withdrawApplication", summary = "Withdraw a draft, submitted or under-review application (lead applicant only)")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithdrawRequest.class),
            examples = @ExampleObject(name = "with reason", value = "{\"comment\": \"Konsortiet søker i neste runde\"}")))
    @APIResponse(responseCode = "200", description = "The WITHDRAWN application",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No such application, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Already decided or withdrawn; the problem names the allowed operations")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response withdraw(@PathParam("id") UUID id,
                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             String body) {
        ApplicationView withdrawn = applications.withdraw(id, ifMatch, withdrawComment(body));
        return ETags.ok(withdrawn, withdrawn.version());
    }

    /** The body is optional (clients often POST an action with none), so it is read by hand. */
    private String withdrawComment(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        WithdrawRequest request;
        try {
            request = json.readValue(body, WithdrawRequest.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                    "The request body is not a JSON object like {\"comment\": \"...\"}");
        }
        if (request == null) {
            // The JSON document null: no comment, as with no body at all (it was a 500).
            return null;
        }
        if (request.comment() != null && request.comment().length() > 2000) {
            throw ProblemException.badRequest("comment", "size must be between 0 and 2000");
        }
        return request.comment();
    }

    /** The lead's name from the registry, read with the caller's token; optional. */
    private Optional<String> leadName(String orgNo) {
        return caller.rawToken().flatMap(token -> registry.organisationName(orgNo, token));
    }
}
