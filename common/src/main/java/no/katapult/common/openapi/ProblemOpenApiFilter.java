package no.katapult.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Makes every error response of every operation an {@code application/problem+json} Problem, and
 * gives secured operations their 401 and 403 answers. Enable with
 * {@code mp.openapi.filter=no.katapult.common.openapi.ProblemOpenApiFilter}.
 */
public class ProblemOpenApiFilter implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String MEDIA = "application/problem+json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || !schemas.containsKey("Problem")) {
            openAPI.getComponents().addSchema("Problem", problemSchema());
        }
        if (schemas == null || !schemas.containsKey("FieldError")) {
            openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean globalSecurity = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation op : item.getOperations().values()) {
                decorate(op, globalSecurity);
            }
        }
    }

    private void decorate(Operation op, boolean globalSecurity) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty() : globalSecurity;
        if (secured) {
            addIfMissing(responses, "401", "Missing, expired or invalid bearer token");
            addIfMissing(responses, "403", "The token lacks the role this operation needs");
        }
        boolean hasInput = op.getRequestBody() != null
                || (op.getParameters() != null && !op.getParameters().isEmpty());
        if (hasInput) {
            addIfMissing(responses, "400", "Malformed or invalid input");
        }
        addIfMissing(responses, "500", "Unexpected error (no stack trace, quote the request id)");
        if (responses.getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> e : responses.getAPIResponses().entrySet()) {
            if (!isError(e.getKey())) {
                continue;
            }
            APIResponse r = e.getValue();
            if (r.getRef() != null) {
                continue;
            }
            Content content = r.getContent();
            if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
                r.setContent(problemContent());
            } else if (content.getMediaTypes().containsKey("application/json")
                    && !content.getMediaTypes().containsKey(MEDIA)) {
                // Errors are never application/json: move whatever was declared to problem+json.
                content.removeMediaType("application/json");
                content.addMediaType(MEDIA, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
            }
            if (r.getDescription() == null || r.getDescription().isBlank()) {
                r.setDescription("Problem");
            }
        }
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static void addIfMissing(APIResponses responses, String code, String description) {
        if (responses.getAPIResponse(code) == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse()
                    .description(description)
                    .content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(MEDIA,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .addProperty("type", str("URI identifying the problem type"))
                .addProperty("title", str("Short summary of the problem type"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32").description("HTTP status code"))
                .addProperty("detail", str("Explanation specific to this occurrence"))
                .addProperty("instance", str("The request path"))
                .addProperty("requestId", str("The X-Request-Id of the request"))
                .addProperty("traceId", str("The W3C trace id of the request, as the services' logs and traces carry it"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("One entry per offending field")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .additionalPropertiesSchema(OASFactory.createSchema());
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .required(List.of("field", "message"))
                .addProperty("field", str("Path of the offending field"))
                .addProperty("message", str("What is wrong with it"));
    }

    private static Schema str(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
