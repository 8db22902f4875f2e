package no.katapult.common.openapi;

import no.katapult.common.problem.ProblemMember;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ProblemOpenApiFilterTest {

    @Test
    void everyErrorResponseGetsAProblemExampleOfItsOwnStatus() {
        Operation get = OASFactory.createOperation()
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("oidc")))
                .addParameter(OASFactory.createParameter().name("status").in(Parameter.In.QUERY))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The bookings"))
                        .addAPIResponse("404", OASFactory.createAPIResponse().description("No such booking")));
        OpenAPI api = filtered("/api/v1/bookings", get);

        for (String code : List.of("400", "401", "403", "404", "500")) {
            Map<?, ?> example = example(get.getResponses().getAPIResponse(code));
            assertEquals(Integer.parseInt(code), example.get("status"), code);
            assertEquals("/api/v1/bookings", example.get("instance"), code);
            assertEquals(get.getResponses().getAPIResponse(code).getDescription(), example.get("detail"), code);
        }
        assertEquals("urn:katapult:problem:unauthorized", example(get.getResponses().getAPIResponse("401")).get("type"));
        assertEquals("urn:katapult:problem:not-found", example(get.getResponses().getAPIResponse("404")).get("type"));
        Map<?, ?> invalid = example(get.getResponses().getAPIResponse("400"));
        assertEquals("urn:katapult:problem:validation", invalid.get("type"));
        assertEquals(List.of(Map.of("field", "status", "message", "is not valid here")), invalid.get("errors"),
                "the validation example names a parameter of this operation");
        assertFalse(example(get.getResponses().getAPIResponse("500")).containsKey("errors"));
        assertNotNull(api.getComponents().getSchemas().get("Problem"));
    }

    @Test
    void anExampleTheServiceWroteIsKept() {
        Map<String, Object> own = Map.of("type", "urn:katapult:problem:booking-conflict", "status", 409);
        Operation post = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("409", OASFactory.createAPIResponse().description("Taken")
                        .content(OASFactory.createContent().addMediaType(ProblemOpenApiFilter.MEDIA,
                                OASFactory.createMediaType().example(own)))));
        filtered("/api/v1/bookings", post);
        assertSame(own, example(post.getResponses().getAPIResponse("409")));
    }

    @Test
    void theProblemSchemaDeclaresEveryMemberAProblemCanCarry() {
        OpenAPI api = filtered("/api/v1/centres", OASFactory.createOperation());
        Map<String, Schema> properties = api.getComponents().getSchemas().get("Problem").getProperties();
        for (String standard : List.of("type", "title", "status", "detail", "instance", "requestId", "traceId", "errors")) {
            assertNotNull(properties.get(standard), standard);
        }
        for (ProblemMember member : ProblemMember.values()) {
            Schema declared = properties.get(member.jsonName());
            assertNotNull(declared, member.jsonName());
            assertEquals(member.description(), declared.getDescription());
        }
        assertEquals("#/components/schemas/ProblemPeriod", properties.get("conflictingPeriod").getRef());
        assertNotNull(api.getComponents().getSchemas().get("ProblemPeriod"));
    }

    private static OpenAPI filtered(String path, Operation op) {
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem(path, OASFactory.createPathItem().GET(op)));
        new ProblemOpenApiFilter().filterOpenAPI(api);
        return api;
    }

    private static Map<?, ?> example(APIResponse response) {
        MediaType media = response.getContent().getMediaType(ProblemOpenApiFilter.MEDIA);
        return (Map<?, ?>) media.getExample();
    }
}
