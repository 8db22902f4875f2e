package no.katapult.common.openapi;

import no.katapult.common.problem.ProblemMember;
import no.katapult.common.problem.ProblemTypes;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
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
        // Always these, even where the Problem class was scanned: only they list the extension members.
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
        openAPI.getComponents().addSchema("ProblemPeriod", periodSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean globalSecurity = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            PathItem item = path.getValue();
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation op : item.getOperations().values()) {
                decorate(op, globalSecurity, path.getKey());
            }
        }
    }

    private void decorate(Operation op, boolean globalSecurity, String path) {
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
            MediaType problem = r.getContent().getMediaType(MEDIA);
            if (problem != null && problem.getExample() == null
                    && (problem.getExamples() == null || problem.getExamples().isEmpty())) {
                String field = op.getParameters() == null || op.getParameters().isEmpty() ? null
                        : op.getParameters().get(0).getName();
                problem.setExample(example(e.getKey(), r.getDescription(), path, field));
            }
        }
    }

    /**
     * A problem as this status would really carry it. Without one, Swagger UI builds a single example from the
     * schema and shows the same 400 under every status.
     */
    static Map<String, Object> example(String code, String detail, String path, String field) {
        int status = code.matches("\\d{3}") ? Integer.parseInt(code) : 500;
        // A validation problem names the offending field: one of this operation's own parameters.
        boolean validation = status == 400 && field != null;
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", ProblemTypes.of(validation ? "validation" : ProblemTypes.slugFor(status)));
        example.put("title", validation ? "Validation failed" : ProblemTypes.titleFor(status));
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", path);
        example.put("requestId", "5f0c6a4e-8d1b-4c2a-9e3f-7a6b5c4d3e2f");
        example.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        if (validation) {
            example.put("errors", List.of(Map.of("field", field, "message", "is not valid here")));
        }
        return example;
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

    static Schema problemSchema() {
        Schema problem = OASFactory.createSchema()
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
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")));
        for (ProblemMember member : ProblemMember.values()) {
            problem.addProperty(member.jsonName(), memberSchema(member));
        }
        return problem;
    }

    /** An extension member: present only on the problem types that use it. */
    static Schema memberSchema(ProblemMember member) {
        Schema schema = switch (member.type()) {
            case STRING -> OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
            case INTEGER -> OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int64");
            case DECIMAL -> OASFactory.createSchema().type(List.of(Schema.SchemaType.NUMBER));
            case UUID -> OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uuid");
            case DATE_TIME -> OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("date-time");
            case STRINGS -> OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                    .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
            case OBJECT -> member == ProblemMember.CONFLICTING_PERIOD || member == ProblemMember.BLOCKED_PERIOD
                    ? OASFactory.createSchema().ref("#/components/schemas/ProblemPeriod")
                    : OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT));
            case OBJECTS -> OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                    .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)));
            case MONEY -> OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .required(List.of("amount", "currency"))
                    .addProperty("amount", OASFactory.createSchema().type(List.of(Schema.SchemaType.NUMBER)))
                    .addProperty("currency", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        };
        return schema.description(member.description());
    }

    private static Schema periodSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("A period of time, start inclusive, end exclusive")
                .required(List.of("start", "end"))
                .addProperty("start", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("date-time"))
                .addProperty("end", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("date-time"));
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
